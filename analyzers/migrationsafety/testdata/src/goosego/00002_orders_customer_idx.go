package goosego

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// orders is live from the earlier migration: the index build blocks
// writes to it while goose's transaction holds the lock.
func init() {
	goose.AddMigrationContext(upCustomerIdx, downCustomerIdx)
}

func upCustomerIdx(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '5s'"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "CREATE INDEX ON orders (customer_id)") // want `CREATE INDEX on "orders" takes a SHARE lock .*use CREATE INDEX CONCURRENTLY`
	return err
}

func downCustomerIdx(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP INDEX orders_customer_id_idx")
	return err
}
