package notgoose

import (
	"context"
	"database/sql"
)

// A function of the same name in another package is not goose.
func AddMigrationContext(up, down func(context.Context, *sql.Tx) error) {}

func init() {
	AddMigrationContext(up, nil)
}

func up(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "CREATE TABLE t (id int)")
	return err
}
