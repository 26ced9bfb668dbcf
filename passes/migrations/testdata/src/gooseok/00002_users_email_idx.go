package gooseok

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upEmailIdx, downEmailIdx) // want `^goose-go 00002 users_email_idx tx=none up=1 down=1$`
}

func upEmailIdx(ctx context.Context, db *sql.DB) error {
	const createIdx = `
		CREATE INDEX CONCURRENTLY users_email_idx
		ON users (email) -- the login lookup
	`
	_, err := db.ExecContext(ctx, createIdx) // want `^00002 up\[0\] CREATE INDEX CONCURRENTLY users_email_idx ON users \(email\)$`
	return err
}

func downEmailIdx(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DROP INDEX CONCURRENTLY users_email_idx") // want `^00002 down\[0\] DROP INDEX CONCURRENTLY users_email_idx$`
	return err
}
