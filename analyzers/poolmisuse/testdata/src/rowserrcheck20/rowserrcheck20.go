// Package rowserrcheck20: rows passed to a function in another package
// that checks Err (jingyugao/rowserrcheck#20). Silent.
package rowserrcheck20

import (
	"database/sql"

	"rowserrcheck20/b"
)

var db *sql.DB

func issueN() error {
	rows, err := db.Query("select 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	err = b.CheckRows(rows)
	if err != nil {
		return err
	}
	return nil
}
