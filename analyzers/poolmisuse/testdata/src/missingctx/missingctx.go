// Package missingctx: missing-context, each finding beside its near-miss.
package missingctx

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/jmoiron/sqlx"
)

var db *sql.DB

func list(ctx context.Context) error {
	rows, err := db.Query("SELECT id FROM users") // want `db.Query does not take a context although ctx is in scope: the query goes on after the request is canceled or its deadline passes; use QueryContext\(ctx, ...\)`
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func begin(ctx context.Context) error {
	tx, err := db.Begin() // want `db.Begin does not take a context although ctx is in scope: .*; use BeginTx\(ctx, ...\)`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("DELETE FROM sessions"); err != nil { // want `tx.Exec does not take a context`
		return err
	}
	return tx.Commit()
}

func handler(w http.ResponseWriter, r *http.Request) {
	var n int
	_ = db.QueryRow("SELECT count(*) FROM users").Scan(&n) // want `db.QueryRow does not take a context although r.Context\(\) is in scope`
}

func sqlxGet(ctx context.Context, x *sqlx.DB) (int, error) {
	var n int
	err := x.Get(&n, "SELECT count(*) FROM users") // want `x.Get does not take a context although ctx is in scope: .*; use GetContext\(ctx, ...\)`
	return n, err
}

func sqlxSelect(ctx context.Context, x *sqlx.DB) ([]int, error) {
	var ids []int
	err := sqlx.Select(x, &ids, "SELECT id FROM users") // want `sqlx.Select does not take a context although ctx is in scope: .*; use SelectContext\(ctx, ...\)`
	return ids, err
}

func ping(ctx context.Context) error {
	return db.Ping() // want `db.Ping does not take a context`
}

// Near-miss: no context in scope; the Context variant already.
func noContext() error {
	return db.Ping()
}

func withContext(ctx context.Context) error {
	_, err := db.ExecContext(ctx, "DELETE FROM sessions")
	return err
}
