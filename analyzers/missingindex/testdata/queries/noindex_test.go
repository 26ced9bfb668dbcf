package queries

import (
	"database/sql"
	"testing"
)

// Near-miss: a test queries a small test database; no index advice.
func TestByCustomer(t *testing.T) {
	var db *sql.DB
	db.QueryRow("SELECT id FROM orders WHERE customer_id = $1", 1)
}
