package queries

import "database/sql"

func latestItems(db *sql.DB, id int64) {
	db.Query("SELECT * FROM items WHERE order_id = $1 ORDER BY qty DESC LIMIT 5", id)     // want `query on "items" filters by "order_id" and sorts by "qty" for LIMIT, but no index has them in that order, so every matching row is read and sorted; add CREATE INDEX CONCURRENTLY items_order_id_qty_idx ON items \(order_id, qty\)`
	db.Query("SELECT * FROM items WHERE order_id = $1 ORDER BY qty, id DESC LIMIT 5", id) // want `sorts by "qty" and "id" for LIMIT.*\(order_id, qty, id DESC\)`
}

// Near-misses: the index provides the order (either direction), there is
// no LIMIT, or the equality is on a unique key.
func sortedByIndex(db *sql.DB, id int64) {
	db.Query("SELECT * FROM items WHERE order_id = $1 ORDER BY sku LIMIT 5", id)
	db.Query("SELECT * FROM items WHERE order_id = $1 ORDER BY sku DESC LIMIT 5", id)
	db.Query("SELECT * FROM items WHERE order_id = $1 AND sku = $2 ORDER BY sku LIMIT 5", id, "x")
	db.Query("SELECT * FROM items WHERE order_id = $1 ORDER BY qty", id)
	db.Query("SELECT * FROM items WHERE id = $1 ORDER BY qty LIMIT 1", id)
	db.Query("SELECT * FROM orders WHERE status = $1 ORDER BY created_at DESC LIMIT 20", "new")
	db.Query("SELECT * FROM orders o JOIN items i ON i.order_id = o.id WHERE o.status = $1 ORDER BY o.total LIMIT 20", "new")
}
