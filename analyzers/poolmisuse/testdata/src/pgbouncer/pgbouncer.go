// Package pgbouncer: prepared-statements-with-pgbouncer, with
// "pooler: pgbouncer-transaction" in the dblint.yaml beside this file
// (its go.mod makes this directory the module root dbconfig reads).
package pgbouncer

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Finding: the parsed config keeps the cached-statement mode.
func newPool(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn) // want `pgx config from pgxpool.ParseConfig keeps the default QueryExecModeCacheStatement, which prepares every query as a named statement on the server; behind PgBouncer in transaction mode \(pooler: pgbouncer-transaction\) the next transaction may run on another server connection, where it does not exist; set cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeExec`
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = 10
	return pgxpool.NewWithConfig(ctx, cfg)
}

// Near-miss: the mode is set.
func newPoolExec(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeExec
	return pgxpool.NewWithConfig(ctx, cfg)
}

// Finding: set, to the cached-statement mode.
func connectCached(ctx context.Context, dsn string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheStatement // want `cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheStatement prepares every query as a named statement on the server`
	return pgx.ConnectConfig(ctx, cfg)
}

// Finding: a constant connection string without the mode; near-miss
// with it.
func connect(ctx context.Context) (*pgx.Conn, error) {
	return pgx.Connect(ctx, "postgres://app@pgbouncer:6432/app") // want `pgx.Connect uses pgx's default QueryExecModeCacheStatement, which prepares every query as a named statement on the server; .*; add default_query_exec_mode=exec to the connection string`
}

func connectExec(ctx context.Context) (*pgx.Conn, error) {
	return pgx.Connect(ctx, "postgres://app@pgbouncer:6432/app?default_query_exec_mode=exec")
}

// Finding: database/sql through pgx's stdlib driver; near-miss: lib/pq.
func openStdlib() (*sql.DB, error) {
	return sql.Open("pgx", "postgres://app@pgbouncer:6432/app") // want `sql.Open uses pgx's default QueryExecModeCacheStatement`
}

func openPQ() (*sql.DB, error) {
	return sql.Open("postgres", "postgres://app@pgbouncer:6432/app")
}

// Finding: an explicit Prepare; near-miss: inside a transaction.
func prepare(ctx context.Context, db *sql.DB) error {
	stmt, err := db.PrepareContext(ctx, "DELETE FROM sessions WHERE id = $1") // want `db.PrepareContext creates a prepared statement on one server connection; behind PgBouncer in transaction mode \(pooler: pgbouncer-transaction\) the next transaction may run on another server connection, where it does not exist; run the query directly, or prepare it inside a transaction`
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.ExecContext(ctx, 1)
	return err
}

func prepareInTx(ctx context.Context, tx *sql.Tx) error { // want prepareInTx:`borrows\(1\)`
	stmt, err := tx.PrepareContext(ctx, "DELETE FROM sessions WHERE id = $1")
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.ExecContext(ctx, 1)
	return err
}

func pgxPrepare(ctx context.Context, conn *pgx.Conn) error {
	_, err := conn.Prepare(ctx, "delete_session", "DELETE FROM sessions WHERE id = $1") // want `conn.Prepare creates a prepared statement on one server connection`
	return err
}
