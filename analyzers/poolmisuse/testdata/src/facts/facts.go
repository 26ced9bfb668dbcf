// Package facts calls the helpers of package closers: ownership moves
// with their facts.
package facts

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"

	"closers"
)

// Near-miss: a deferred helper from another package closes.
func deferHelper(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return err
	}
	defer closers.CloseRows(rows)
	for rows.Next() {
	}
	return rows.Err()
}

// Finding: the helper closes, but an early return comes first.
func helperTooLate(ctx context.Context, db *sql.DB, skip bool) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed when the function returns at line 33`
	if err != nil {
		return err
	}
	if skip {
		return nil
	}
	closers.CloseRows(rows)
	return nil
}

// Finding: First only borrows the rows.
func borrowOnly(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed when the function returns at line 47`
	if err != nil {
		return 0, err
	}
	var id int
	err = closers.First(rows, &id)
	return id, err
}

// Finding: ListUsers hands its rows to this caller.
func list(ctx context.Context, db *sql.DB) error {
	rows, err := closers.ListUsers(ctx, db) // want `rows from closers.ListUsers are not closed when the function returns at line 59`
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Near-miss: Drain reads pgx rows to the end.
func drain(ctx context.Context, conn *pgx.Conn) error {
	rows, err := conn.Query(ctx, "SELECT id FROM users")
	if err != nil {
		return err
	}
	return closers.Drain(rows)
}

// Near-miss: a local closure that closes, deferred.
func localCloser(ctx context.Context, db *sql.DB, skip bool) error {
	closeRows := func(r *sql.Rows) { _ = r.Close() }
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return err
	}
	defer closeRows(rows)
	if skip {
		return nil
	}
	return nil
}
