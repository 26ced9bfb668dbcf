// Package sqlclosecheck49: sqlx rows closed in a deferred closure that
// logs the error were reported as not closed
// (ryanrolds/sqlclosecheck#49). Silent.
package sqlclosecheck49

import (
	"context"
	"log/slog"

	"github.com/jmoiron/sqlx"
)

type Row struct{ ID int }

type repository struct{ db *sqlx.DB }

func (r *repository) Get(ctx context.Context, id int) ([]Row, error) {
	rows, err := r.db.NamedQueryContext(ctx, "SELECT id FROM users WHERE id = :id", map[string]any{"id": id})
	if err != nil {
		return nil, err
	}

	defer func() {
		if closeErr := rows.Close(); closeErr != nil {
			slog.WarnContext(ctx, "failed to close rows",
				"error", closeErr,
			)
		}
	}()

	var out []Row
	for rows.Next() {
		var row Row
		if err := rows.StructScan(&row); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
