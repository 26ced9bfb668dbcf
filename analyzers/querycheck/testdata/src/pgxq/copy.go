package pgxq

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Near-misses: COPY takes rows, not placeholders, through the pool or a
// sqlc DBTX interface.
func copyUsers(ctx context.Context, pool *pgxpool.Pool, rows [][]any) error {
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"users"}, []string{"id", "email", "full_name"}, pgx.CopyFromRows(rows))
	return err
}

type DBTX interface {
	CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)
}

func copyViaDBTX(ctx context.Context, db DBTX, rows [][]any) error {
	_, err := db.CopyFrom(ctx, []string{"users"}, []string{"id", "email", "full_name"}, pgx.CopyFromRows(rows))
	return err
}

// Finding: a column the table does not have.
func copyTypo(ctx context.Context, db DBTX, rows [][]any) error {
	_, err := db.CopyFrom(ctx, []string{"users"}, []string{"id", "emial"}, pgx.CopyFromRows(rows)) // want `column "emial"`
	return err
}
