package gooseok

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upHelper, func(ctx context.Context, tx *sql.Tx) error { // want `^goose-go 00004 helper tx=wrapped up=4 down=0$`
		return nil
	})
}

// The helper's SQL runs where the helper is called, between the direct calls.
func upHelper(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "SET lock_timeout = '5s'"); err != nil { // want `^00004 up\[0\] SET lock_timeout = '5s'$`
		return err
	}
	if err := addColumns(ctx, nil, tx); err != nil {
		return err
	}
	logf("done")
	_, err := tx.ExecContext(ctx, "ANALYZE orders") // want `^00004 up\[3\] ANALYZE orders$`
	return err
}

func addColumns(ctx context.Context, other *sql.DB, t *sql.Tx) error {
	_ = other
	if _, err := t.ExecContext(ctx, "ALTER TABLE orders ADD COLUMN total numeric"); err != nil { // want `^00004 up\[1\] ALTER TABLE orders ADD COLUMN total numeric$`
		return err
	}
	stmt, err := t.PrepareContext(ctx, "UPDATE orders SET total = 0 WHERE id = $1")
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx, 1) // want `^00004 up\[2\] UPDATE orders SET total = 0 WHERE id = \$1$`
	return err
}

// logf sends no SQL: following it adds nothing.
func logf(string) {}
