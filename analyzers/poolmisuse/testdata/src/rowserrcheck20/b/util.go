// Package b checks rows for its callers in another package.
package b

import "database/sql"

func CheckRows(rows *sql.Rows) error { // want CheckRows:`closes\(0\)`
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return nil
}
