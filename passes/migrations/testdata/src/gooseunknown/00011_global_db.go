package gooseunknown

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

var db *sql.DB

func init() {
	goose.AddMigrationContext(upGlobal, nil) // want `^goose-go 00011 global_db tx=wrapped up=unknown\(db.ExecContext at 00011_global_db.go:\d+:\d+ does not run on the migration's tx or db\) down=none$`
}

func upGlobal(ctx context.Context, tx *sql.Tx) error {
	_, err := db.ExecContext(ctx, "CREATE TABLE outside (id int)")
	return err
}
