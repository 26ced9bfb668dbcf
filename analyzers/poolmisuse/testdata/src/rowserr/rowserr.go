// Package rowserr: rows-err-unchecked, each finding beside its near-miss.
package rowserr

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Finding: the loop ends and nobody asks why.
func names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() { // want `rows.Err\(\) is not checked after the rows.Next\(\) loop over "SELECT name FROM users": an error that ends the loop early \(a lost connection, a canceled context, a bad value\) is dropped and the partial result looks complete; check rows.Err\(\) after the loop`
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// Near-miss: Err returned after the loop.
func namesChecked(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
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

// Near-miss: Err checked in a deferred function, written before the loop.
func namesDeferred(ctx context.Context, db *sql.DB) (out []string, err error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer func() {
		rows.Close()
		if e := rows.Err(); e != nil && err == nil {
			err = e
		}
	}()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// Finding: pgx.
func pgxNames(ctx context.Context, pool *pgxpool.Pool) ([]string, error) {
	rows, err := pool.Query(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() { // want `rows.Err\(\) is not checked after the rows.Next\(\) loop over "SELECT name FROM users"`
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// Near-miss: CollectRows checks for us.
func pgxCollect(ctx context.Context, pool *pgxpool.Pool) ([]string, error) {
	rows, _ := pool.Query(ctx, "SELECT name FROM users")
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// Near-miss: the rows are passed on; whoever reads them may check.
func passedOn(ctx context.Context, db *sql.DB, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return nil
}
