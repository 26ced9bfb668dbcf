package gooseok

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// The version comes from the name argument, not this file's name.
func init() {
	goose.AddNamedMigrationContext("migrations/00005_named.go", goose.GoMigrationContext(upNamed), nil) // want `^goose-go 00005 named tx=wrapped up=1 down=none$`
}

func upNamed(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "CREATE TABLE named (id int)") // want `^00005 up\[0\] CREATE TABLE named \(id int\)$`
	return err
}

// Near-misses: goose finds no version in this file's name, nor in a name
// that is not constant or has none.
func init() {
	goose.AddMigrationContext(upNamed, nil)
	goose.AddNamedMigrationContext(fileName(), upNamed, nil)
	goose.AddNamedMigrationContext("0_zero.go", upNamed, nil)
	goose.AddNamedMigrationContext("named.go", upNamed, nil)
}

func fileName() string { return "00006_x.go" }
