// Package dbintx: db-in-tx, each finding beside its near-miss.
package dbintx

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Finding: the credit goes through the pool, outside the transaction.
func transfer(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - 1 WHERE id = 1"); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "UPDATE accounts SET balance = balance + 1 WHERE id = 2"); err != nil { // want `query through "db" while transaction "tx" from line 14 is open: it runs on another connection, outside the transaction, and waits for a free connection while the transaction holds one; send it through tx`
		return err
	}
	return tx.Commit()
}

// Near-miss: the pool after Commit, and in Begin's error branch.
func afterCommit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		_, _ = db.ExecContext(ctx, "INSERT INTO audit (msg) VALUES ('begin failed')")
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM sessions"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, "INSERT INTO audit (msg) VALUES ('done')")
	return err
}

// Finding: pgxpool.
func pgxPool(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var n int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM users").Scan(&n); err != nil { // want `query through "pool" while transaction "tx" from line 48 is open`
		return err
	}
	if _, err := tx.Exec(ctx, "INSERT INTO stats (users) VALUES ($1)", n); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Finding: a function that works in the transaction it receives.
type store struct{ db *sql.DB }

func (s *store) create(ctx context.Context, tx *sql.Tx, name string) error { // want create:`borrows\(1\)`
	if _, err := tx.ExecContext(ctx, "INSERT INTO users (name) VALUES ($1)", name); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, "INSERT INTO audit (msg) VALUES ($1)", name) // want `query through "s.db" in a function that works in transaction "tx": it runs on another connection, outside the transaction; send it through tx`
	return err
}

// Finding: pgx.BeginFunc's callback uses the pool.
func beginFunc(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM sessions"); err != nil {
			return err
		}
		_, err := pool.Exec(ctx, "INSERT INTO audit (msg) VALUES ('cleared')") // want `query through "pool" in a function that works in transaction "tx"`
		return err
	})
}

// Near-miss: a function that receives a transaction but sends nothing
// through it.
func (s *store) audit(ctx context.Context, tx *sql.Tx, name string) error { // want audit:`borrows\(1\)`
	_ = tx
	_, err := s.db.ExecContext(ctx, "INSERT INTO audit (msg) VALUES ($1)", name)
	return err
}

// Near-miss: a runner that uses the pool only when it has no
// transaction.
func (s *store) exec(ctx context.Context, tx *sql.Tx, q string) error { // want exec:`borrows\(1\)`
	if tx != nil {
		_, err := tx.ExecContext(ctx, q)
		return err
	}
	_, err := s.db.ExecContext(ctx, q)
	return err
}
