// Package rowserrcheck32: a function that returns the rows of whichever
// runner it has hands them to its caller (jingyugao/rowserrcheck#32).
// Silent; the fact says the caller owns the rows.
package rowserrcheck32

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Query struct {
	TXN pgx.Tx
	DTB *pgxpool.Pool
}

func (q Query) Run(ctx context.Context, sql string, args ...any) (pgx.Rows, error) { // want Run:`returns\(0\)`
	switch {
	case q.TXN != nil:
		return q.TXN.Query(ctx, sql, args...)
	case q.DTB != nil:
		return q.DTB.Query(ctx, sql, args...)
	}

	return nil, errors.New("missing runner")
}

func (q Query) Names(ctx context.Context) ([]string, error) {
	rows, err := q.Run(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
