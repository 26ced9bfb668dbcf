// Package sqlstore runs queries through database/sql and sqlx.
package sqlstore

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

type Store struct {
	db *sql.DB
	x  *sqlx.DB
}

func (s *Store) Email(ctx context.Context, id int64) (string, error) { // want Email:`^queries\(SELECT public_users\)$`
	var e string
	err := s.db.QueryRowContext(ctx, "SELECT email FROM public_users WHERE id = $1", id).Scan(&e)
	return e, err
}

func (s *Store) Tags(ids []int64) ([]string, error) { // want Tags:`^queries\(SELECT tags\)$`
	q, args, err := sqlx.In("SELECT name FROM tags WHERE id IN (?)", ids)
	if err != nil {
		return nil, err
	}
	var out []string
	err = s.x.Select(&out, s.x.Rebind(q), args...)
	return out, err
}

func (s *Store) Rename(id int64, name string) error { // want Rename:`^queries\(UPDATE app.users\)$`
	_, err := s.x.NamedExec("UPDATE app.users SET name = :name WHERE id = :id", map[string]any{"id": id, "name": name})
	return err
}

func (s *Store) Recent() ([]int64, error) { // want Recent:`^queries\(SELECT orders\)$`
	var ids []int64
	err := s.x.Select(&ids, "WITH r AS (SELECT id FROM orders ORDER BY id DESC LIMIT 10) SELECT id FROM r")
	return ids, err
}
