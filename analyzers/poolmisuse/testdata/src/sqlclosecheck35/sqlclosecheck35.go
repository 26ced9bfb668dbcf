// Package sqlclosecheck35: sqlx rows closed with defer were reported as
// not closed (ryanrolds/sqlclosecheck#35). Silent.
package sqlclosecheck35

import (
	"context"
	"log"

	"github.com/jmoiron/sqlx"
)

func Example(db *sqlx.DB) {
	rows, err := db.Queryx("SELECT * FROM users")
	if err != nil {
		log.Print(err)
		return
	}
	defer rows.Close()
}

func Named(ctx context.Context, db *sqlx.DB) error {
	rows, err := sqlx.NamedQueryContext(ctx, db, "SELECT * FROM users WHERE id = :id", map[string]any{"id": 1})
	if err != nil {
		return err
	}
	defer func() {
		_ = rows.Close()
	}()
	return nil
}
