package lostupdate

import (
	"context"
	"database/sql"
)

// Test fixtures race with nobody.
func seed(ctx context.Context, db *sql.DB, id int64) {
	var balance int64
	db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
	db.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance+100, id)
	db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
}
