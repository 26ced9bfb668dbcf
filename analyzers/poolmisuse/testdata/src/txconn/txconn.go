// Package txconn: tx-not-finished and conn-not-released, each finding
// beside its near-miss.
package txconn

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

// Finding: the transaction leaks when the Exec fails.
func transfer(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil) // want `transaction from db.BeginTx is neither committed nor rolled back when the function returns at line 22; add defer tx.Rollback\(\) after the error check`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - 1 WHERE id = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

// Near-miss: defer tx.Rollback() (a no-op after Commit).
func transferDeferred(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - 1 WHERE id = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

// Near-miss: a rollback in a deferred closure guarded by the error.
func transferGuarded(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - 1 WHERE id = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

// Near-miss: rolled back explicitly on every error path.
func transferExplicit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - 1 WHERE id = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Finding: sqlx Beginx, committed on one branch only.
func sqlxTx(db *sqlx.DB, ok bool) {
	tx, err := db.Beginx() // want `transaction from db.Beginx is neither committed nor rolled back when the function ends at line 80`
	if err != nil {
		return
	}
	tx.MustExec("DELETE FROM sessions")
	if ok {
		tx.Commit()
	}
}

// Finding: pgx; the fix passes Begin's context to Rollback.
func pgxTx(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx) // want `transaction from pool.Begin is neither committed nor rolled back when the function returns at line 89; add defer tx.Rollback\(ctx\) after the error check`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE users SET name = 'x'"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Near-miss: pgx.BeginFunc and defer tx.Rollback(ctx).
func pgxBeginFunc(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE users SET name = 'x'")
		return err
	})
}

func pgxDeferred(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE users SET name = 'x'"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// A function that begins and hands the transaction to its caller.
func begin(ctx context.Context, db *sql.DB) (*sql.Tx, error) { // want begin:`returns\(0\)`
	return db.BeginTx(ctx, nil)
}

// Finding: the caller of begin owns the transaction.
func useBegin(ctx context.Context, db *sql.DB) error {
	tx, err := begin(ctx, db) // want `transaction from begin is neither committed nor rolled back when the function returns at line 126`
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM sessions")
	return err
}

// A helper that finishes the transaction it receives, and one that only
// uses it.
func finish(tx *sql.Tx, err error) error { // want finish:`closes\(0\)`
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func work(ctx context.Context, tx *sql.Tx) error { // want work:`borrows\(1\)`
	_, err := tx.ExecContext(ctx, "DELETE FROM sessions")
	return err
}

// Near-miss: finished by the helper; finding: only used by the helper.
func useFinish(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return finish(tx, work(ctx, tx))
}

func useWork(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil) // want `transaction from db.BeginTx is neither committed nor rolled back when the function returns at line 158`
	if err != nil {
		return err
	}
	return work(ctx, tx)
}

// Finding: GORM's Begin; near-miss: Transaction with a callback.
func gormTx(db *gorm.DB) error {
	tx := db.Begin() // want `transaction from db.Begin is neither committed nor rolled back when the function returns at line 165; add defer tx.Rollback\(\) after line 163`
	if err := tx.Exec("UPDATE users SET name = 'x'").Error; err != nil {
		return err
	}
	tx.Commit()
	return nil
}

func gormTransaction(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Exec("UPDATE users SET name = 'x'").Error
	})
}

// Finding: a database/sql connection not closed; near-miss: closed.
func sqlConn(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx) // want `connection from db.Conn is not released when the function returns at line 184; add defer conn.Close\(\) after the error check`
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "SET search_path = tenant"); err != nil {
		return err
	}
	return conn.Close()
}

func sqlConnClosed(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "SET search_path = tenant")
	return err
}

// Near-miss: a pgx nested transaction is a savepoint; the outer
// transaction's Rollback (or Commit) ends it.
func nested(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	sp, err := tx.Begin(ctx)
	if err != nil {
		return err
	}
	if _, err := sp.Exec(ctx, "DELETE FROM sessions"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
