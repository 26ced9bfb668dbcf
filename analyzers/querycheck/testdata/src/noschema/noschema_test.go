package noschema

import (
	"context"
	"database/sql"
	"testing"
)

// Near-miss: a test empties its table between cases.
func cleanup(t *testing.T, db *sql.DB) {
	if _, err := db.ExecContext(context.Background(), `DELETE FROM api_keys`); err != nil {
		t.Fatal(err)
	}
}
