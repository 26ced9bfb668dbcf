package goosego

import (
	"context"
	"database/sql"
	"os"

	"github.com/pressly/goose/v3"
)

// Near-miss: an up function whose SQL is built at run time is not
// checked at all, not even for its missing down function.
func init() {
	goose.AddMigrationContext(upDynamic, nil)
}

func upDynamic(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "CREATE INDEX ON "+os.Getenv("ORDERS_TABLE")+" (customer_id)")
	return err
}
