// Package gooseowned holds the module's configured migration directory,
// with a goose Go migration among its .sql ones.
package gooseowned

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upStatusIdx, downStatusIdx)
}

func upStatusIdx(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '5s'"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "CREATE INDEX orders_status_idx ON orders (status)") // want `CREATE INDEX "orders_status_idx" on "orders" takes a SHARE lock`
	return err
}

func downStatusIdx(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP INDEX orders_status_idx")
	return err
}
