// Package goosego registers goose Go migrations: migrationsafety checks
// the SQL their functions send and reports at the Go call that sends it.
package goosego

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upCreateOrders, downCreateOrders)
}

func upCreateOrders(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `
		CREATE TABLE orders (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			customer_id bigint NOT NULL,
			status text NOT NULL
		)`)
	return err
}

func downCreateOrders(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP TABLE orders")
	return err
}
