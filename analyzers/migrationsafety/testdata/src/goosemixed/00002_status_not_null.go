// Package goosemixed mixes .sql and Go goose migrations in one directory.
package goosemixed

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// Near-miss: 00001_create_orders.sql gives orders a validated CHECK
// (status IS NOT NULL), so SET NOT NULL needs no scan. That is known only
// with the .sql migrations run in version order: 00001 before this one,
// 00003 (which drops the CHECK) after it.
func init() {
	goose.AddMigrationContext(upStatusNotNull, downStatusNotNull)
}

func upStatusNotNull(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '5s'"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "ALTER TABLE orders ALTER COLUMN status SET NOT NULL")
	return err
}

func downStatusNotNull(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '5s'"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL")
	return err
}
