package queries

import "database/sql"

// customers is narrowed by its primary key; each of its rows looks items
// up by warehouse_id, which nothing indexes. Either direction of the ON
// condition, and either order of the FROM items.
func joinDriven(db *sql.DB, id int64, email string) {
	db.Query("SELECT i.* FROM customers c JOIN items i ON i.warehouse_id = c.id WHERE c.id = $1", id) // want `query on "items" joins on "warehouse_id" for each row of "customers", which no index leads with; add CREATE INDEX CONCURRENTLY items_warehouse_id_idx ON items \(warehouse_id\)`
}

func joinDrivenReversed(db *sql.DB, email string) {
	db.Query("SELECT i.* FROM items i JOIN customers c ON c.id = i.warehouse_id WHERE c.email = $1", email) // want `query on "items" joins on "warehouse_id" for each row of "customers"`
}

func joinWhere(db *sql.DB, email string) {
	db.Query("SELECT i.* FROM items i, customers c WHERE c.email = $1 AND i.warehouse_id = c.id", email) // want `query on "items" joins on "warehouse_id"`
}

// Near-misses: the joined side is served by its own index, the other side
// only drives the join, or nothing narrows either side (a hash join).
func joinsServed(db *sql.DB, s string) {
	db.Query("SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = $1", s)
	db.Query("SELECT * FROM customers c JOIN orders o ON o.customer_id = c.id AND o.deleted_at IS NULL WHERE c.id = $1", 1)
	db.Query("SELECT * FROM items i JOIN customers c ON c.id = i.warehouse_id")
	db.Query("SELECT * FROM customers c LEFT JOIN items i ON i.warehouse_id = c.id", s)
}

// A filter of the joined table's own is reported like any other.
func joinOwnFilter(db *sql.DB, s string) {
	db.Query("SELECT * FROM customers c LEFT JOIN items i ON i.warehouse_id = c.id AND i.sku = $1", s) // want `query on "items" filters by "sku"`
}

// The driving side's own filter is what no index serves.
func joinDriverUnserved(db *sql.DB, s string) {
	db.Query("SELECT * FROM customers c JOIN items i ON i.warehouse_id = c.id WHERE c.region = $1", s) // want `query on "customers" filters by "region", which no index leads with`
}

func correlated(db *sql.DB) {
	db.Query("SELECT c.id, (SELECT count(*) FROM items i WHERE i.warehouse_id = c.id) FROM customers c") // want `query on "items" joins on "warehouse_id" for each row of the outer query`
	db.Query("SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND o.deleted_at IS NULL) FROM customers c")
}

func ctes(db *sql.DB, s string) {
	db.Query("WITH o AS (SELECT id FROM orders WHERE note = $1) SELECT * FROM o", s) // want `query on "orders" filters by "note"`
	db.Query("WITH o AS (SELECT id FROM orders WHERE status = $1) SELECT * FROM o JOIN items i ON i.order_id = o.id", s)
}

func subqueries(db *sql.DB, s string) {
	db.Query("SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE note = $1)", s) // want `query on "orders" filters by "note"`
	db.Query("SELECT * FROM (SELECT * FROM items WHERE sku = $1) x WHERE x.qty > 0", s)                 // want `query on "items" filters by "sku"`
	db.Query("SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.status = $1)", s)  // served by status
}
