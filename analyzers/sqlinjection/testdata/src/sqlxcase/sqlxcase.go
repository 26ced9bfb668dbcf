// Package sqlxcase: sqlx calls.
package sqlxcase

import (
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID   int64
	Name string
}

type Repo struct{ db *sqlx.DB }

func (r *Repo) List(sortBy string, limit int) ([]User, error) {
	var us []User
	err := r.db.Select(&us, "SELECT id, name FROM users ORDER BY "+sortBy+fmt.Sprintf(" LIMIT %d", limit)) // want `^SQL text includes parameter "sortBy" \(concatenation at line 20\); choose it from a fixed set, or quote it as an identifier \(pq.QuoteIdentifier, or pgx.Identifier\{name\}.Sanitize\(\)\)$`
	return us, err
}

func (r *Repo) Get(name string) (User, error) {
	var u User
	err := r.db.Get(&u, fmt.Sprintf("SELECT id, name FROM users WHERE name = '%s'", name)) // want `parameter "name" \(fmt.Sprintf at line 26\); pass it as a query argument \(\$1\)`
	return u, err
}

func (r *Repo) In(kind string, ids []int64) ([]User, error) {
	q, args, err := sqlx.In("SELECT id, name FROM users WHERE kind = '"+kind+"' AND id IN (?)", ids) // the text flows through sqlx.In
	if err != nil {
		return nil, err
	}
	var us []User
	err = r.db.Select(&us, r.db.Rebind(q), args...) // want `parameter "kind" \(concatenation at line 31\); pass it as a query argument \(\?\)`
	return us, err
}

func (r *Repo) Named(table string, u User) error {
	_, err := r.db.NamedExec("INSERT INTO "+table+" (id, name) VALUES (:id, :name)", u) // want `parameter "table" \(concatenation at line 41\); choose it from a fixed set`
	return err
}

func (r *Repo) Tx(cols []string) error {
	tx := r.db.MustBegin()
	tx.MustExec("UPDATE users SET " + strings.Join(cols, " = NULL, ") + " = NULL") // want `parameter "cols" \(strings.Join at line 47\)`
	return tx.Commit()
}

// --- silent

func (r *Repo) Safe(ids []int64, sortDesc bool) ([]User, error) {
	q, args, err := sqlx.In("SELECT id, name FROM users WHERE id IN (?)", ids)
	if err != nil {
		return nil, err
	}
	if sortDesc {
		q += " ORDER BY id DESC"
	}
	var us []User
	err = r.db.Select(&us, r.db.Rebind(q), args...)
	return us, err
}

func (r *Repo) Placeholders(names []string) ([]User, error) {
	ph := make([]string, 0, len(names))
	args := make([]any, 0, len(names))
	for i, n := range names {
		ph = append(ph, fmt.Sprintf("$%d", i+1))
		args = append(args, n)
	}
	var us []User
	err := r.db.Select(&us, "SELECT id, name FROM users WHERE name IN ("+strings.Join(ph, ",")+")", args...)
	return us, err
}
