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

// Near-miss: the function says it works on every row.
func FlushAllSessions(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `DELETE FROM web_sessions`)
	return err
}

// ResetFeedErrors clears the parsing error fields for all feeds.
func ResetFeedErrors(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `UPDATE feeds SET parsing_error_count = 0`)
	return err
}

// Near-miss: a migration run from Go backfills the column it adds.
func migrate(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `
		ALTER TABLE entries ADD COLUMN words int;
		UPDATE entries SET words = 0;
	`)
	return err
}

// Findings: a name or doc that does not say so ("Install", "overall").
func InstallSessions(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `DELETE FROM web_sessions`) // want `DELETE on "web_sessions" has no WHERE clause`
	return err
}

// resetOverall resets the overall counter.
func resetOverall(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE counters SET n = 0; UPDATE feeds SET n = 0`) // want `UPDATE on "counters" has no WHERE clause` `UPDATE on "feeds" has no WHERE clause`
	return err
}

// Near-miss: without a PostgreSQL schema, a text written for a database
// that takes ? (a MySQL store of a multi-database tool) is not checked.
func mysqlStore(ctx context.Context, db *sql.DB, table string) (bool, error) {
	var ok bool
	err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?)`, table).Scan(&ok)
	return ok, err
}

// Finding: a text that does not parse either way.
func broken(ctx context.Context, db *sql.DB, id int64) error {
	_, err := db.ExecContext(ctx, `UPDATE api_keys SET WHERE id = ?`, id) // want `syntax error at or near "WHERE"`
	return err
}

// Near-miss: backquoted names are MySQL's or SQLite's, in any file.
func mysqlTypes(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "SELECT `type` FROM `ent_types` ORDER BY `id` ASC")
	return err
}
