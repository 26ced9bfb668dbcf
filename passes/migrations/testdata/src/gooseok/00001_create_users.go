package gooseok

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upCreateUsers, downCreateUsers) // want `^goose-go 00001 create_users tx=wrapped up=3 down=1$`
}

// Multiple calls, in source order; a query-row counts too.
func upCreateUsers(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "CREATE TABLE users (id bigint PRIMARY KEY, email text)"); err != nil { // want `^00001 up\[0\] CREATE TABLE users \(id bigint PRIMARY KEY, email text\)$`
		return err
	}
	const q = "ALTER TABLE users ADD COLUMN name text;"
	if _, err := tx.ExecContext(ctx, q); err != nil { // want `^00001 up\[1\] ALTER TABLE users ADD COLUMN name text$`
		return err
	}
	var n int
	return tx.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n) // want `^00001 up\[2\] SELECT count\(\*\) FROM users$`
}

func downCreateUsers(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP TABLE users") // want `^00001 down\[0\] DROP TABLE users$`
	return err
}
