package retry

import (
	"context"
	"database/sql"
)

// Near-miss: a MySQL store's transaction (the file names its engine).
func mysqlSetVersion(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}
