package checkinsert

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

var ErrExists = errors.New("exists")

// Findings.

func countThenInsert(ctx context.Context, db *sql.DB, email, name string) error {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE email = $1", email).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return ErrExists
	}
	_, err := db.ExecContext(ctx, "INSERT INTO users (email, username, tenant_id, name) VALUES ($1, $2, 0, $3)", email, name, name) // want `insert into "users" runs when the SELECT at line 19 finds no row with the same \(email\): two concurrent requests can both find none and both insert, and no unique index covers \(email\); add CREATE UNIQUE INDEX CONCURRENTLY ON users \(email\) and use INSERT \.\.\. ON CONFLICT \(email\) DO NOTHING`
	return err
}

func existsThenInsert(ctx context.Context, pool *pgxpool.Pool, userID int64, plan string) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var exists bool
	tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM subscriptions WHERE user_id = $1)", userID).Scan(&exists)
	if !exists {
		if _, err := tx.Exec(ctx, "INSERT INTO subscriptions (user_id, plan) VALUES ($1, $2)", userID, plan); err != nil { // want `insert into "subscriptions" runs when the SELECT at line 36 finds no row with the same \(user_id\)`
			return err
		}
	}
	return tx.Commit(ctx)
}

func lookupThenInsert(ctx context.Context, conn *pgx.Conn, userID int64, plan string) (int64, error) {
	var id int64
	err := conn.QueryRow(ctx, "SELECT id FROM subscriptions WHERE user_id = $1", userID).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, err
	}
	err = conn.QueryRow(ctx, "INSERT INTO subscriptions (user_id, plan) VALUES ($1, $2) RETURNING id", userID, plan).Scan(&id) // want `insert into "subscriptions" runs when the SELECT at line 47`
	return id, err
}

func sqlxGet(ctx context.Context, db *sqlx.DB, userID int64, plan string) error {
	tx, err := db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return err
	}
	var id int64
	err = tx.Get(&id, "SELECT id FROM subscriptions WHERE user_id = $1", userID)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.Exec("INSERT INTO subscriptions (user_id, plan) VALUES ($1, $2)", userID, plan) // want `insert into "subscriptions" runs when the SELECT at line 64`
	}
	return err
}

// Near misses.

func onConflict(ctx context.Context, db *sql.DB, email string) error {
	var n int
	db.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE email = $1", email).Scan(&n)
	if n == 0 {
		_, err := db.ExecContext(ctx, "INSERT INTO users (email, username, tenant_id) VALUES ($1, $1, 0) ON CONFLICT DO NOTHING", email)
		return err
	}
	return nil
}

func uniqueIndex(ctx context.Context, db *sql.DB, username string) error {
	var n int
	db.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE username = $1", username).Scan(&n)
	if n == 0 {
		_, err := db.ExecContext(ctx, "INSERT INTO users (email, username, tenant_id) VALUES ($1, $1, 0)", username)
		return err
	}
	return nil
}

// A unique expression index over (tenant_id, lower(email)), partial:
// counted as protecting, conservatively.
func uniqueExpressionIndex(ctx context.Context, db *sql.DB, tenant int64, email string) error {
	var n int
	db.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE tenant_id = $1 AND email = $2", tenant, email).Scan(&n)
	if n == 0 {
		_, err := db.ExecContext(ctx, "INSERT INTO users (email, username, tenant_id) VALUES ($2, $2, $1)", tenant, email)
		return err
	}
	return nil
}

func serializable(ctx context.Context, db *sql.DB, email string) error {
	for i := 0; i < 3; i++ {
		tx, _ := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		var n int
		tx.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE email = $1", email).Scan(&n)
		if n == 0 {
			tx.ExecContext(ctx, "INSERT INTO users (email, username, tenant_id) VALUES ($1, $1, 0)", email)
		}
		if tx.Commit() == nil {
			return nil
		}
	}
	return nil
}

// A limit, not an existence check.
func limit(ctx context.Context, db *sql.DB, account, amount int64) error {
	var n int
	db.QueryRowContext(ctx, "SELECT count(*) FROM transfers WHERE account_id = $1", account).Scan(&n)
	if n >= 10 {
		return ErrExists
	}
	_, err := db.ExecContext(ctx, "INSERT INTO transfers (account_id, amount) VALUES ($1, $2)", account, amount)
	return err
}

func otherValue(ctx context.Context, db *sql.DB, email, other string) error {
	var n int
	db.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE email = $1", email).Scan(&n)
	if n == 0 {
		_, err := db.ExecContext(ctx, "INSERT INTO users (email, username, tenant_id) VALUES ($1, $1, 0)", other)
		return err
	}
	return nil
}

func notFoundIsAnError(ctx context.Context, db *sql.DB, userID int64) error {
	var id int64
	if err := db.QueryRowContext(ctx, "SELECT id FROM subscriptions WHERE user_id = $1", userID).Scan(&id); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "INSERT INTO subscriptions (user_id, plan) VALUES ($1, 'extra')", userID)
	return err
}

func lockedParent(ctx context.Context, db *sql.DB, userID int64, plan string) error {
	tx, _ := db.BeginTx(ctx, nil)
	tx.ExecContext(ctx, "SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE", userID)
	var exists bool
	tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM subscriptions WHERE user_id = $1)", userID).Scan(&exists)
	if !exists {
		tx.ExecContext(ctx, "INSERT INTO subscriptions (user_id, plan) VALUES ($1, $2)", userID, plan)
	}
	return tx.Commit()
}

func unknownLevel(ctx context.Context, tx *sql.Tx, userID int64, plan string) error {
	var exists bool
	tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM subscriptions WHERE user_id = $1)", userID).Scan(&exists)
	if !exists {
		tx.ExecContext(ctx, "INSERT INTO subscriptions (user_id, plan) VALUES ($1, $2)", userID, plan)
	}
	return nil
}
