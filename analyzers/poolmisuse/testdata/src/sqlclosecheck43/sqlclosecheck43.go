// Package sqlclosecheck43: rows closed through a helper function, or in a
// deferred closure, were reported as not closed
// (ryanrolds/sqlclosecheck#43). Silent.
package sqlclosecheck43

import (
	"context"
	"database/sql"
	"log"

	"github.com/jmoiron/sqlx"
)

func deferRows(rows *sql.Rows) { // want deferRows:`closes\(0\)`
	err := rows.Close()
	if err != nil {
		log.Print(err)
	}
}

func Issue(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return err
	}
	defer deferRows(rows)
	for rows.Next() {
	}
	return rows.Err()
}

type Row struct{ ID int }

// The second shape from the thread: Rebind, a closure that closes, and a
// return on a StructScan error.
func Callback(ctx context.Context, db *sqlx.DB, stmt string, callback func(*Row), args ...any) error {
	rows, err := db.QueryxContext(ctx, db.Rebind(stmt), args...)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()

	for rows.Next() {
		row := new(Row)
		if err = rows.StructScan(row); err != nil {
			return err
		}
		callback(row)
	}
	return rows.Err()
}
