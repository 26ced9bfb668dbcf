// Package disabled: rules switched off in dblint.yaml report nothing; the
// others still do.
package disabled

import "database/sql"

func Open(table string) {
	db, _ := sql.Open("pgx", "postgres://app:s3cret@db.internal/shop?sslmode=disable") // want `has a hardcoded password`
	db.Query("SELECT id FROM " + table)
}
