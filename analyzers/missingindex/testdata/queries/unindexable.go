package queries

import "database/sql"

func expressions(db *sql.DB, email string) {
	db.QueryRow("SELECT id FROM customers WHERE lower(email) = $1", email)
	db.QueryRow("SELECT id FROM customers c WHERE lower(c.email) = lower($1)", email)
	db.QueryRow("SELECT id FROM customers WHERE upper(email) = $1", email) // want `query on "customers" filters by upper\(email\), an expression no index is built on; add CREATE INDEX CONCURRENTLY customers_upper_idx ON customers \(upper\(email\)\)`
	db.QueryRow("SELECT id FROM customers WHERE upper(email) = $1 AND id = $2", email, 1)
	db.Query("SELECT id FROM orders WHERE created_at::date = $1", email) // want `filters by created_at::date, an expression no index is built on; add CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders \(\(created_at::date\)\)`
}

func patterns(db *sql.DB, s string) {
	db.Query("SELECT id FROM orders WHERE note LIKE '%gift%'")    // want `query on "orders" filters by "note" with LIKE with a leading wildcard, which a B-tree index cannot serve; add a trigram index: CREATE INDEX CONCURRENTLY orders_note_idx ON orders USING gin \(note gin_trgm_ops\)$`
	db.Query("SELECT id FROM customers WHERE region ILIKE $1", s) // want `query on "customers" filters by "region" with ILIKE, which a B-tree index cannot serve`
	db.Query("SELECT id FROM customers WHERE name ILIKE $1", s)
	db.Query("SELECT id FROM customers WHERE name LIKE '%ann%'")
	db.Query("SELECT id FROM orders WHERE note LIKE '%gift%' AND status = $1", s)
	db.Query("SELECT id FROM orders WHERE tags @> $1", s)
	db.Query("SELECT id FROM orders WHERE note ~ $1", s)
}
