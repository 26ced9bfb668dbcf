// Package discard: query-rows-discarded and queryrow-not-scanned, each
// finding beside its near-miss.
package discard

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

// Finding: Query for a statement that returns nothing to read.
func deleteOld(ctx context.Context, db *sql.DB) error {
	_, err := db.QueryContext(ctx, "DELETE FROM sessions WHERE expires < now()") // want `rows from "DELETE FROM sessions WHERE expires < now\(\)" are discarded, so they are never closed and hold their connection; use db.ExecContext`
	return err
}

// Near-miss: Exec.
func deleteOldExec(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DELETE FROM sessions WHERE expires < now()")
	return err
}

// Finding: pgx rows discarded entirely hold a pooled connection forever.
func touch(ctx context.Context, pool *pgxpool.Pool) {
	pool.Query(ctx, "UPDATE users SET seen = now()") // want `rows from "UPDATE users SET seen = now\(\)" are discarded, so they are never closed and hold their connection; use pool.Exec`
}

// Finding: sqlx NamedQuery.
func namedInsert(db *sqlx.DB, u map[string]any) error {
	_, err := db.NamedQuery("INSERT INTO users (name) VALUES (:name)", u) // want `use db.NamedExec`
	return err
}

// Finding: QueryRow never scanned.
func insert(ctx context.Context, db *sql.DB) {
	db.QueryRowContext(ctx, "INSERT INTO users (name) VALUES ('x') RETURNING id") // want `row from "INSERT INTO users \(name\) VALUES \('x'\) RETURNING id" is never scanned: the query's error is lost and its connection is held until Scan; call Scan, or use db.ExecContext`
}

func insertErr(ctx context.Context, db *sql.DB) error {
	row := db.QueryRowContext(ctx, "INSERT INTO users (name) VALUES ('x') RETURNING id") // want `is never scanned`
	return row.Err()
}

// Near-miss: scanned, and passed on.
func insertScan(ctx context.Context, db *sql.DB) (id int64, err error) {
	err = db.QueryRowContext(ctx, "INSERT INTO users (name) VALUES ('x') RETURNING id").Scan(&id)
	return
}

func rowPassed(ctx context.Context, db *sql.DB, scan func(*sql.Row) error) error {
	row := db.QueryRowContext(ctx, "INSERT INTO users (name) VALUES ('x') RETURNING id")
	return scan(row)
}

func rowScannedLater(ctx context.Context, pool *pgxpool.Pool) (string, error) {
	row := pool.QueryRow(ctx, "SELECT name FROM users WHERE id = $1", 1)
	var name string
	err := row.Scan(&name)
	return name, err
}
