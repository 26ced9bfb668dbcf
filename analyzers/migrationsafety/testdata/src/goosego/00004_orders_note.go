package goosego

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// No down function: reported at the registration.
func init() {
	goose.AddMigrationContext(upNote, nil) // want `migration "00004_orders_note" has no down function, so it cannot be rolled back; pass a down function to goose.AddMigrationContext`
}

func upNote(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '5s'"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "ALTER TABLE orders ADD COLUMN note text")
	return err
}
