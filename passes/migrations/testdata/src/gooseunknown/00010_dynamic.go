package gooseunknown

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upDynamic, downDynamic) // want `^goose-go 00010 dynamic tx=wrapped up=unknown\(the SQL of tx.ExecContext at 00010_dynamic.go:\d+:\d+ is built at run time\) down=1$`
}

func upDynamic(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "CREATE TABLE audit (id int)"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf("CREATE INDEX ON %s (id)", os.Getenv("EVENTS_TABLE")))
	return err
}

func downDynamic(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP TABLE audit") // want `^00010 down\[0\] DROP TABLE audit$`
	return err
}
