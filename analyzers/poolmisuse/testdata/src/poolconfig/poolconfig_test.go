package poolconfig

import (
	"database/sql"
	"testing"
)

// Near-miss: a test opens a pool for itself.
func TestOpen(t *testing.T) {
	db, err := sql.Open("postgres", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(); err != nil {
		t.Skip(err)
	}
}
