package gooseunknown

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

var upVar = func(ctx context.Context, tx *sql.Tx) error { return nil }

func init() {
	goose.AddMigrationContext(upVar, nil) // want `^goose-go 00014 funcvar tx=wrapped up=unknown\(the up function upVar is neither a function declared in this package nor a function literal\) down=none$`
}
