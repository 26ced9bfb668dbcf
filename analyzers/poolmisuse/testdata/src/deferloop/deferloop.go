// Package deferloop: defer-in-loop, each finding beside its near-miss.
package deferloop

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Finding: every iteration's rows stay open until the function returns.
func perID(ctx context.Context, db *sql.DB, ids []int) error {
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT name FROM users WHERE id = $1", id)
		if err != nil {
			return err
		}
		defer rows.Close() // want `rows.Close\(\) deferred in a loop runs only when the function returns, so the rows of every iteration stay open \(each holding a connection\) until then; close them at the end of the iteration or move the loop body into a function`
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// Near-miss: the loop body in a function literal.
func perIDFunc(ctx context.Context, db *sql.DB, ids []int) error {
	for _, id := range ids {
		if err := func() error {
			rows, err := db.QueryContext(ctx, "SELECT name FROM users WHERE id = $1", id)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
			}
			return rows.Err()
		}(); err != nil {
			return err
		}
	}
	return nil
}

// Finding: a transaction per batch, rolled back only at the end.
func perBatch(ctx context.Context, db *sql.DB, batches [][]int) error {
	for range batches {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback() // want `tx.Rollback\(\) deferred in a loop runs only when the function returns, so the transaction of every iteration stays open \(holding a connection\) until then; finish it`
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Finding: a deferred closure that releases a pooled connection.
func perTenant(ctx context.Context, pool *pgxpool.Pool, tenants []string) error {
	for _, t := range tenants {
		conn, err := pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer func() { conn.Release() }() // want `conn.Release\(\) deferred in a loop runs only when the function returns, so the connection of every iteration stays out of the pool until then; release it`
		if _, err := conn.Exec(ctx, "SELECT set_config('app.tenant', $1, false)", t); err != nil {
			return err
		}
	}
	return nil
}
