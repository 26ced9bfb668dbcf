package gooseunknown

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upBegin, downVariants) // want `^goose-go 00013 begin tx=none up=unknown\(upBegin uses db at 00013_begin.go:\d+:\d+ outside a SQL call that dblint follows\) down=unknown\(db.ExecContext at 00013_begin.go:\d+:\d+ sends one of 2 texts\)$`
}

// A transaction the function opens itself is not followed.
func upBegin(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "CREATE TABLE begun (id int)"); err != nil {
		return err
	}
	return tx.Commit()
}

func downVariants(ctx context.Context, db *sql.DB) error {
	q := "DROP TABLE begun"
	if ctx.Value("cascade") != nil {
		q = "DROP TABLE begun CASCADE"
	}
	_, err := db.ExecContext(ctx, q)
	return err
}
