package noschema

import (
	"context"
	"database/sql"
)

// Near-misses: a file named for another engine holds that engine's SQL.
func sqliteTables(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `PRAGMA foreign_keys = off`); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "DELETE FROM sessions LIMIT ?, ?", 0, 10)
	return err
}
