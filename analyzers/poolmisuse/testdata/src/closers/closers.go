// Package closers holds helpers that take rows from their callers, in
// another package than the callers: facts carry what they do.
package closers

import (
	"context"
	"database/sql"
	"log"

	"github.com/jackc/pgx/v5"
)

// CloseRows closes rows and logs the error.
func CloseRows(rows *sql.Rows) { // want CloseRows:`closes\(0\)`
	if err := rows.Close(); err != nil {
		log.Print(err)
	}
}

// Drain reads pgx rows to the end, which closes them.
func Drain(rows pgx.Rows) error { // want Drain:`closes\(0\)`
	for rows.Next() {
	}
	return rows.Err()
}

// First scans the first row; the caller still owns the rows.
func First(rows *sql.Rows, dest ...any) error { // want First:`borrows\(0\)`
	if !rows.Next() {
		return sql.ErrNoRows
	}
	return rows.Scan(dest...)
}

// ListUsers returns rows the caller must close.
func ListUsers(ctx context.Context, db *sql.DB) (*sql.Rows, error) { // want ListUsers:`returns\(0\)`
	return db.QueryContext(ctx, "SELECT id FROM users")
}
