package positions

import (
	"database/sql"
	"fmt"
)

const interpreted = "SELECT id FROM users WHERE name = 'é\t' AND id = $1"

const raw = `SELECT id
FROM orders
WHERE id = $1`

func calls(db *sql.DB, table string, q string) {
	db.Query(interpreted, 1)
	db.Query(raw, 1)
	db.Query("SELECT a "+"FROM b WHERE c = $1", 1)
	db.Query(fmt.Sprintf("SELECT * FROM %s WHERE x = $1", table), 1)
	db.Query(q)
	db.Exec("SELEC 1")
}
