// Package queries exercises missingindex's query rules against the schema
// in migrations/.
package queries

import (
	"database/sql"
	"fmt"
	"strconv"
)

func byCustomer(db *sql.DB, id int64) {
	db.QueryRow("SELECT id FROM orders WHERE customer_id = $1", id) // want `query on "orders" filters by "customer_id", which no index leads with; add CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders \(customer_id\)`
}

// The partial index orders_open_idx serves it when the query implies its
// predicate.
func byCustomerOpen(db *sql.DB, id int64) {
	db.QueryRow("SELECT id FROM orders WHERE customer_id = $1 AND deleted_at IS NULL", id)
	db.QueryRow("SELECT id FROM orders o WHERE o.deleted_at IS NULL AND o.customer_id = $1", id)
}

func byCustomers(db *sql.DB, ids []int64) {
	db.Query("SELECT id FROM orders WHERE customer_id = ANY($1)", ids) // want `query on "orders" filters by "customer_id", which no index leads with`
}

func primaryAndUnique(db *sql.DB, id int64, email string) {
	db.QueryRow("SELECT * FROM orders WHERE id = $1", id)
	db.QueryRow("SELECT * FROM customers WHERE email = $1", email)
	db.QueryRow("SELECT * FROM orders WHERE id = $1 AND note = $2", id, email) // one served condition is enough
}

func compositePrefix(db *sql.DB, s string) {
	db.Query("SELECT * FROM orders WHERE status = $1", s)
	db.Query("SELECT * FROM orders WHERE status = $1 AND created_at > now() - interval '1 day'", s)
	db.Query("SELECT * FROM orders WHERE created_at > $1", s) // want `query on "orders" filters by "created_at", which no index leads with; add CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders \(created_at\)`
	db.Query("SELECT * FROM items WHERE order_id > $1", s)
	db.Query("SELECT * FROM items WHERE sku = $1", s) // want `query on "items" filters by "sku", which no index leads with`
}

func composite(db *sql.DB, s string) {
	db.Query("SELECT * FROM orders WHERE total > $2 AND note = $1 AND total < $3", s, 1, 2) // want `query on "orders" filters by "note" and "total", which no index leads with; add CREATE INDEX CONCURRENTLY orders_note_total_idx ON orders \(note, total\)`
}

func likePrefix(db *sql.DB, s string) {
	db.Query("SELECT * FROM orders WHERE note LIKE 'abc%'") // want `filters by "note", which no index leads with; add CREATE INDEX CONCURRENTLY orders_note_idx ON orders \(note text_pattern_ops\)`
	db.Query("SELECT * FROM orders WHERE note LIKE $1", s)  // the pattern may start with a wildcard: unknown
}

func hash(db *sql.DB, s string) {
	db.QueryRow("SELECT * FROM orders WHERE token = $1", s)
	db.Query("SELECT * FROM orders WHERE token > $1", s) // want `query on "orders" filters by "token", which no index leads with`
}

func brin(db *sql.DB, s string) {
	db.Query("SELECT * FROM events WHERE at > $1", s)
}

func partialConstant(db *sql.DB, id int64) {
	db.Query("SELECT * FROM events WHERE tenant_id = $1 AND kind = 'paid'", id)
	db.Query("SELECT * FROM events WHERE kind = 'paid'::text AND tenant_id = $1", id)
	db.Query("SELECT * FROM events WHERE tenant_id = $1 AND kind = $2", id, "paid") // want `query on "events" filters by "tenant_id" and "kind", which no index leads with; add CREATE INDEX CONCURRENTLY events_tenant_id_kind_idx ON events \(tenant_id, kind\)`
}

func noFilter(db *sql.DB) {
	db.Query("SELECT * FROM orders")
	db.Query("SELECT * FROM orders WHERE total IS NOT NULL")
	db.Query("SELECT * FROM orders WHERE note <> 'x'")
}

// A boolean alone rarely narrows a scan: no evidence for an index.
func booleans(db *sql.DB) {
	db.Query("SELECT * FROM customers WHERE vip")
	db.Query("SELECT * FROM customers WHERE vip = true")
	db.Query("SELECT * FROM customers WHERE vip = true AND region = $1", "eu") // want `query on "customers" filters by "region"`
}

// The GiST index of an exclusion constraint serves its equality column
// (btree_gist) and its range operator.
func exclusion(db *sql.DB, room int, during string) {
	db.Query("SELECT * FROM bookings WHERE room_id = $1", room)
	db.Query("SELECT * FROM bookings WHERE during && $1", during)
}

func smallTable(db *sql.DB, s string) {
	db.Query("SELECT * FROM countries WHERE name = $1", s)
}

func ors(db *sql.DB, id int64, s string) {
	db.Query("SELECT * FROM orders WHERE id = $1 OR token = $2", id, s)
	db.Query("SELECT * FROM orders WHERE note = $2 AND (id = $1 OR token = $3)", id, s, s)
	db.Query("SELECT * FROM orders WHERE note = $2 AND (id = $1 OR total = $3)", id, s, s) // want `query on "orders" filters by "note"`
}

func dml(db *sql.DB, s string) {
	db.Exec("DELETE FROM items WHERE sku = $1", s) // want `query on "items" filters by "sku"`
	db.Exec("UPDATE items SET qty = 0 WHERE order_id = $1 AND sku = $2", 1, s)
}

// Identical findings in one function are reported once.
func merged(db *sql.DB, s string) {
	db.Query("SELECT * FROM items WHERE sku = $1", s) // want `query on "items" filters by "sku"`
	db.Query("SELECT id FROM items WHERE sku = $1", s)
}

func dynamic(db *sql.DB, cond, col string, n int) {
	db.Query("SELECT * FROM orders WHERE note = $1 AND "+cond, n)
	db.Query(fmt.Sprintf("SELECT * FROM orders WHERE %s = $1", col), n)
	db.Query(fmt.Sprintf("SELECT * FROM orders WHERE total = %d", n))
	db.Query(fmt.Sprintf("SELECT * FROM orders WHERE status = $1 AND note LIKE '%s%%'", col), n)
}

// A dynamic part only in ORDER BY leaves the filter known.
func dynamicOrder(db *sql.DB, col string, n int) {
	db.Query(fmt.Sprintf("SELECT * FROM orders WHERE note = $1 ORDER BY %s", col), n) // want `query on "orders" filters by "note"`
}

// A dynamic value is no evidence for a finding, but may be what an index
// serves.
func dynamicValues(db *sql.DB, id int64, list string) {
	db.Query(fmt.Sprintf("SELECT * FROM orders WHERE note = '%d'", id))
	db.Query(fmt.Sprintf("SELECT * FROM orders WHERE note LIKE '%d%%'", id))
	db.Query("SELECT * FROM orders WHERE customer_id = " + strconv.FormatInt(id, 10))
	db.Query("SELECT * FROM orders WHERE note = $1 AND id IN ("+list+")", id)
}
