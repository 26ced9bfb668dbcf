package goosego

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

// A //dblint:ignore above the Exec call suppresses its finding.
func init() {
	goose.AddMigrationContext(upCreatedIdx, downCreatedIdx)
}

func upCreatedIdx(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '5s'"); err != nil {
		return err
	}
	//dblint:ignore create-index-not-concurrently orders is still small when this runs
	_, err := tx.ExecContext(ctx, "CREATE INDEX orders_note_idx ON orders (note)")
	return err
}

// Near-miss for no-down-migration: the down function exists, but its SQL
// is built at run time, so it is unknown rather than missing.
func downCreatedIdx(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, fmt.Sprintf("DROP INDEX %s", indexName()))
	return err
}

func indexName() string { return "orders_note_idx" }
