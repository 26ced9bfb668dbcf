package stdsql

import (
	"database/sql"
	"fmt"
	"testing"
)

// Near-miss: a test helper builds SQL from its own fixture names.
func countRows(t *testing.T, db *sql.DB, table string) int {
	var n int
	if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s", table)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
