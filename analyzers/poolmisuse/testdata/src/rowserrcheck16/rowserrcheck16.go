// Package rowserrcheck16: rows.Err() checked, with Close wrapped in a
// deferred closure, was reported as unchecked
// (jingyugao/rowserrcheck#16). Silent.
package rowserrcheck16

import (
	"database/sql"
	"fmt"
)

func Bug(db *sql.DB) {
	rows, err := db.Query("select 1")
	if err != nil {
		panic(err)
	}

	defer func() { _ = rows.Close() }()
	for rows.Next() {
		fmt.Println("new rows")
	}

	if err := rows.Err(); err != nil {
		panic(err)
	}
}
