package goosego

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// Near-miss: outside a transaction, CONCURRENTLY does not block writes.
func init() {
	goose.AddMigrationNoTxContext(upStatusIdx, downStatusIdx)
}

func upStatusIdx(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)")
	return err
}

func downStatusIdx(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DROP INDEX CONCURRENTLY orders_status_idx")
	return err
}
