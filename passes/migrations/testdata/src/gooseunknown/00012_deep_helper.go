package gooseunknown

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upDeep, downDeep) // want `^goose-go 00012 deep_helper tx=wrapped up=unknown\(level1 passes tx to level2 at 00012_deep_helper.go:\d+:\d+, deeper than the 1 level of calls followed\) down=unknown\(the SQL of tx.ExecContext at 00012_deep_helper.go:\d+:\d+ is not known\)$`
}

func upDeep(ctx context.Context, tx *sql.Tx) error { return level1(ctx, tx) }

func level1(ctx context.Context, tx *sql.Tx) error { return level2(ctx, tx) }

func level2(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "CREATE TABLE deep (id int)")
	return err
}

// A helper that takes the SQL as a parameter: its text is not known.
func downDeep(ctx context.Context, tx *sql.Tx) error { return run(ctx, tx, "DROP TABLE deep") }

func run(ctx context.Context, tx *sql.Tx, q string) error {
	_, err := tx.ExecContext(ctx, q)
	return err
}
