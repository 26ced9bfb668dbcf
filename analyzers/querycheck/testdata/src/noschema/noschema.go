// Package noschema: querycheck in a module without a schema. The rules
// that need no catalog still apply, and only where they should: a WHERE
// is seen without knowing the table.
package noschema

import (
	"context"
	"database/sql"
)

func touch(ctx context.Context, db *sql.DB, userID int64, token string) error {
	// Near-misses: limited by a WHERE.
	if _, err := db.ExecContext(ctx, `UPDATE api_keys SET last_used_at=now() WHERE user_id=$1 and token=$2`, userID, token); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM api_keys WHERE id = $1 AND user_id = $2`, 1, userID); err != nil {
		return err
	}
	// Findings: every row.
	if _, err := db.ExecContext(ctx, `UPDATE api_keys SET last_used_at=now()`); err != nil { // want `UPDATE on "api_keys" has no WHERE clause and changes every row`
		return err
	}
	_, err := db.ExecContext(ctx, `DELETE FROM api_keys`) // want `DELETE on "api_keys" has no WHERE clause and deletes every row`
	return err
}

// Wrong placeholder count needs no schema either.
func count(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `UPDATE api_keys SET description = $1 WHERE id = $2`, "x") // want `2 placeholders`
	return err
}
