// Package rowserrcheck19: rows assigned inside a closure and read by the
// enclosing function (jingyugao/rowserrcheck#19). Silent: the rows
// escape the closure, and the enclosing function checks Err.
package rowserrcheck19

import "database/sql"

var db *sql.DB

func issueN() error {
	var rows *sql.Rows
	func() {
		var err error
		rows, err = db.Query("select 1")
		if err != nil {
			panic(err)
		}
	}()
	for rows.Next() {
	}
	return rows.Err()
}
