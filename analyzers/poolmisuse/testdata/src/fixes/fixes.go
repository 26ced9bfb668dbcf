// Package fixes: the mechanical suggested fixes of poolmisuse.
package fixes

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
)

func rowsClose(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed when the function returns at line 20; add defer rows.Close\(\) after the error check`
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func pgxTx(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx) // want `transaction from pool.Begin is neither committed nor rolled back when the function returns at line 33; add defer tx.Rollback\(ctx\) after the error check`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM sessions"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func acquire(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx) // want `connection from pool.Acquire is not released when the function returns at line 44; add defer conn.Release\(\) after the error check`
	if err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "SET search_path = tenant"); err != nil {
		return err
	}
	conn.Release()
	return nil
}

func discarded(ctx context.Context, db *sql.DB) error {
	_, err := db.QueryContext(ctx, "DELETE FROM sessions") // want `rows from "DELETE FROM sessions" are discarded`
	return err
}

func inTx(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := db.ExecContext(ctx, "DELETE FROM sessions"); err != nil { // want `query through "db" while transaction "tx"`
		return err
	}
	return tx.Commit()
}
