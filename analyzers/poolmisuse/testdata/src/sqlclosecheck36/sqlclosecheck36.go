// Package sqlclosecheck36: pgx.Rows is an interface; calls to Next and
// Err through it hid a missing Close (ryanrolds/sqlclosecheck#36).
package sqlclosecheck36

import (
	"context"

	"github.com/jackc/pgx/v5"
)

func Issue(ctx context.Context, conn *pgx.Conn) (int, error) {
	rows, err := conn.Query(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed when the function returns at line 20`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 10 {
			return n, nil
		}
	}
	return n, rows.Err()
}
