// Package sqlclosecheck11: rows assigned in both branches of an if were
// not followed (ryanrolds/sqlclosecheck#11); each assignment is tracked.
package sqlclosecheck11

import (
	"context"
	"database/sql"
	"log"
)

func conditionalRowsMissingClose(ctx context.Context, db *sql.DB, onlyAdults bool) ([]string, error) {
	age := 21
	var (
		rows *sql.Rows
		err  error
	)
	if onlyAdults {
		rows, err = db.QueryContext(ctx, "SELECT name FROM users WHERE age >= $1", age) // want `rows from "SELECT name FROM users WHERE age >= \$1" are not closed when the function returns at line 29`
	} else {
		rows, err = db.QueryContext(ctx, "SELECT name FROM users") // want `rows from "SELECT name FROM users" are not closed when the function returns at line 29`
	}
	if err != nil {
		return nil, err
	}
	names := make([]string, 0)
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return names, nil
}

// The issue's own shape ends every early path in log.Fatal, which exits
// the process, and reads the rows to the end otherwise: no leak.
func conditionalRowsFatal(ctx context.Context, db *sql.DB, onlyAdults bool) {
	var (
		rows *sql.Rows
		err  error
	)
	if onlyAdults {
		rows, err = db.QueryContext(ctx, "SELECT name FROM users WHERE age >= $1", 21)
	} else {
		rows, err = db.QueryContext(ctx, "SELECT name FROM users")
	}
	if err != nil {
		log.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			log.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
}
