package lostupdate

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Findings.

func withdrawTx(ctx context.Context, db *sql.DB, id, amount int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var balance int64
	if err := tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance); err != nil {
		return err
	}
	newBalance := balance - amount
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", newBalance, id); err != nil { // want `balance read by SELECT at line 20 is written back by UPDATE "accounts" at line 24 after computing it in Go: two concurrent requests lose one update; compute it in SQL \(UPDATE \.\.\. SET balance = balance - \$1\) or lock the row \(SELECT \.\.\. FOR UPDATE in a transaction\)`
		return err
	}
	return tx.Commit()
}

func depositPool(ctx context.Context, pool *pgxpool.Pool, id, amount int64) error {
	var balance int64
	if err := pool.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance); err != nil {
		return err
	}
	balance += amount
	_, err := pool.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance, id) // want `balance read by SELECT at line 32 is written back by UPDATE "accounts" at line 36 after computing it in Go.*SET balance = balance \+ \$1`
	return err
}

type Account struct {
	ID      int64
	Balance int64
	Tags    []string
}

func tag(ctx context.Context, conn *pgx.Conn, id int64, t string) error {
	var a Account
	if err := conn.QueryRow(ctx, "SELECT id, tags FROM accounts WHERE id = $1", id).Scan(&a.ID, &a.Tags); err != nil {
		return err
	}
	_, err := conn.Exec(ctx, "UPDATE accounts SET tags = $1 WHERE id = $2", append(a.Tags, t), a.ID) // want `tags read by SELECT at line 48 is written back by UPDATE "accounts" at line 51 after computing it in Go.*SET tags = <expression of tags>`
	return err
}

func (a *Account) Withdraw(n int64) { a.Balance -= n }

func methodCall(ctx context.Context, pool *pgxpool.Pool, id, n int64) error {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	var a Account
	tx.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&a.Balance)
	a.Withdraw(n)
	_, err = tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", a.Balance, id) // want `balance read by SELECT at line 63 is written back`
	return err
}

func beginFunc(ctx context.Context, conn *pgx.Conn, id, n int64) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var b int64
		tx.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&b)
		_, err := tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", b*n, id) // want `balance read by SELECT at line 72 is written back.*SET balance = balance \* \$1`
		return err
	})
}

// Near misses.

func atomicUpdate(ctx context.Context, db *sql.DB, id, amount int64) error {
	var balance int64
	db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
	if balance < amount {
		return nil
	}
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, id)
	return err
}

func forUpdate(ctx context.Context, db *sql.DB, id, amount int64) error {
	tx, _ := db.BeginTx(ctx, nil)
	var balance int64
	tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", id).Scan(&balance)
	_, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id)
	return err
}

func optimistic(ctx context.Context, db *sql.DB, id, amount int64) error {
	var balance int64
	var version int
	db.QueryRowContext(ctx, "SELECT balance, version FROM accounts WHERE id = $1", id).Scan(&balance, &version)
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = $1, version = version + 1 WHERE id = $2 AND version = $3", balance-amount, id, version)
	return err
}

func repeatableRead(ctx context.Context, db *sql.DB, id, amount int64) error {
	tx, _ := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	var balance int64
	tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
	_, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id)
	return err
}

var serializable = pgx.TxOptions{IsoLevel: pgx.Serializable}

func serializableVar(ctx context.Context, pool *pgxpool.Pool, id, amount int64) error {
	for {
		tx, _ := pool.BeginTx(ctx, serializable)
		var balance int64
		tx.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
		_, err := tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id)
		if err == nil {
			return nil
		}
	}
}

func otherRow(ctx context.Context, db *sql.DB, from, to, amount int64) error {
	var balance int64
	db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", from).Scan(&balance)
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance+amount, to)
	return err
}

func reassigned(ctx context.Context, db *sql.DB, id int64) error {
	var balance int64
	db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
	balance = 0
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance, id)
	return err
}

func unknownTx(ctx context.Context, tx pgx.Tx, id, amount int64) error {
	var balance int64
	tx.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
	_, err := tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id)
	return err
}

func advisory(ctx context.Context, db *sql.DB, id, amount int64) error {
	tx, _ := db.BeginTx(ctx, nil)
	tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", id)
	var balance int64
	tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
	_, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id)
	return err
}

func otherColumn(ctx context.Context, db *sql.DB, id int64) error {
	var balance int64
	db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
	_, err := db.ExecContext(ctx, "UPDATE accounts SET version = $1 WHERE id = $2", balance*2, id)
	return err
}

func setTransaction(ctx context.Context, db *sql.DB, id, amount int64) error {
	tx, _ := db.BeginTx(ctx, nil)
	tx.ExecContext(ctx, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
	var balance int64
	tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
	_, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id)
	return err
}

// The package's own transaction helper: its callbacks run in the
// transaction it begins (READ COMMITTED here, REPEATABLE READ below).
type Store struct{ pool *pgxpool.Pool }

func (s *Store) withTx(ctx context.Context, fn func(pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func (s *Store) withSnapshot(ctx context.Context, fn func(pgx.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return err
	}
	return fn(tx)
}

func (s *Store) Credit(ctx context.Context, id, n int64) error {
	return s.withTx(ctx, func(tx pgx.Tx) error {
		var b int64
		tx.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&b)
		_, err := tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", b+n, id) // want `balance read by SELECT at line 201 is written back`
		return err
	})
}

func (s *Store) CreditSnapshot(ctx context.Context, id, n int64) error {
	return s.withSnapshot(ctx, func(tx pgx.Tx) error {
		var b int64
		tx.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&b)
		_, err := tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", b+n, id)
		return err
	})
}

// The key read back by the SELECT names the row.
func byEmail(ctx context.Context, db *sql.DB, owner string, n int64) error {
	var id, balance int64
	db.QueryRowContext(ctx, "SELECT id, balance FROM accounts WHERE owner = $1", owner).Scan(&id, &balance)
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance+n, id) // want `balance read by SELECT at line 219 is written back`
	return err
}

// BEGIN sent as SQL on one connection.
func beginSQL(ctx context.Context, conn *pgx.Conn, id, n int64) error {
	conn.Exec(ctx, "BEGIN ISOLATION LEVEL SERIALIZABLE") // want `transaction begun at SERIALIZABLE is never retried`
	var b int64
	conn.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&b)
	_, err := conn.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", b+n, id)
	return err
}

// A document read, decoded, changed and written back.
type prefs struct{ Theme string }

func decode(data []byte, v *prefs) error { return nil }
func encode(v prefs) []byte              { return nil }

func setTheme(ctx context.Context, db *sql.DB, id int64, theme string) error {
	var tags []byte
	db.QueryRowContext(ctx, "SELECT tags FROM accounts WHERE id = $1", id).Scan(&tags)
	var p prefs
	decode(tags, &p)
	p.Theme = theme
	_, err := db.ExecContext(ctx, "UPDATE accounts SET tags = $1 WHERE id = $2", encode(p), id) // want `tags read by SELECT at line 241 is written back`
	return err
}
