package rowsclose

import (
	"context"
	"database/sql"
	"log"
	"os"
	"testing"
)

// Near-miss: a function of this package that always exits ends a path
// like log.Fatal does.
func exitf(format string, args ...any) {
	log.Printf(format, args...)
	os.Exit(2)
}

func fatalHelper(ctx context.Context, db *sql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		exitf("query: %v", err)
	}
	if !rows.Next() {
		exitf("no users: %v", rows.Err())
	}
	exitf("a user exists")
}

// Near-miss: t.Fatal stops the test's goroutine.
func fatalInTest(t *testing.T, db *sql.DB) {
	rows, err := db.QueryContext(context.Background(), "SELECT id FROM users")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Fatalf("unexpected user")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// Finding: the same shape ending in a function that returns.
func notFatalHelper(ctx context.Context, db *sql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed`
	if err != nil {
		log.Printf("query: %v", err)
		return
	}
	if !rows.Next() {
		log.Printf("no users: %v", rows.Err())
		return
	}
	log.Printf("a user exists")
}
