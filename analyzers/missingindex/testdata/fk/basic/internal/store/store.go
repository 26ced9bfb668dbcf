// Package store is not the module's first package: it reports its own
// queries, never the foreign keys.
package store

import "database/sql"

func ItemsBySKU(db *sql.DB, sku string) (*sql.Rows, error) {
	return db.Query("SELECT id FROM items WHERE sku = $1", sku)
}
