package retry

import (
	"context"
	"database/sql"
	"errors"

	retrygo "github.com/avast/retry-go/v4"

	"github.com/jackc/pgerrcode"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Findings.

func transfer(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want `transaction begun at SERIALIZABLE is never retried: serialization failures \(SQLSTATE 40001\) are expected under SERIALIZABLE; retry the whole transaction when it fails with 40001`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - 1 WHERE id = 1")
	return tx.Commit()
}

func pgxSerializable(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable}) // want `transaction begun at SERIALIZABLE is never retried`
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func beginTxFunc(ctx context.Context, conn *pgx.Conn) error {
	return pgx.BeginTxFunc(ctx, conn, pgx.TxOptions{IsoLevel: "serializable"}, func(tx pgx.Tx) error { // want `transaction begun at SERIALIZABLE is never retried`
		_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE id = 1")
		return err
	})
}

func setTransaction(ctx context.Context, db *sql.DB) error {
	tx, _ := db.BeginTx(ctx, nil)
	tx.ExecContext(ctx, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE") // want `transaction begun at SERIALIZABLE is never retried`
	return tx.Commit()
}

// A loop over work is not a retry.
func perItem(ctx context.Context, db *sql.DB, ids []int64) {
	for _, id := range ids {
		tx, _ := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want `never retried`
		tx.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", id)
		tx.Commit()
	}
}

// Near misses.

func retryLoop(ctx context.Context, db *sql.DB) error {
	for attempt := 0; attempt < 5; attempt++ {
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		if err = tx.Commit(); err == nil {
			return nil
		}
	}
	return errors.New("gave up")
}

func rangeInt(ctx context.Context, pool *pgxpool.Pool) error {
	var err error
	for range 3 {
		var tx pgx.Tx
		tx, err = pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
		if err == nil {
			err = tx.Commit(ctx)
		}
	}
	return err
}

func checks40001(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		return err
	}
	err = tx.Commit(ctx)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "40001" {
		return errRetry
	}
	return err
}

var errRetry = errors.New("retry")

func checksPgerrcode(ctx context.Context, db *sql.DB) error {
	tx, _ := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	err := tx.Commit()
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == pgerrcode.SerializationFailure {
		return errRetry
	}
	return err
}

func withRetry(ctx context.Context, fn func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = fn(); err == nil {
			return nil
		}
	}
	return err
}

func retryHelper(ctx context.Context, db *sql.DB) error {
	return withRetry(ctx, func() error {
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}

// The caller retries.
func doTransfer(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	return tx.Commit()
}

func callerLoops(ctx context.Context, db *sql.DB) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = doTransfer(ctx, db); err == nil {
			return nil
		}
	}
	return err
}

// Passed to a retry helper as a method value.
type store struct{ db *sql.DB }

func (s *store) move(ctx context.Context) error {
	tx, _ := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	return tx.Commit()
}

func retryTx(ctx context.Context, fn func(context.Context) error) error { return fn(ctx) }

func (s *store) Move(ctx context.Context) error { return retryTx(ctx, s.move) }

func repeatableRead(ctx context.Context, db *sql.DB) error {
	tx, _ := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	return tx.Commit()
}

func optionsFromCaller(ctx context.Context, db *sql.DB, opts *sql.TxOptions) error {
	tx, _ := db.BeginTx(ctx, opts)
	return tx.Commit()
}

// READ ONLY DEFERRABLE transactions never fail with a serialization error.
func report(ctx context.Context, pool *pgxpool.Pool, conn *pgx.Conn) error {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable, AccessMode: pgx.ReadOnly, DeferrableMode: pgx.Deferrable})
	if err != nil {
		return err
	}
	conn.Exec(ctx, "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE")
	return tx.Commit(ctx)
}

func retryLibrary(ctx context.Context, db *sql.DB) error {
	return retrygo.Do(func() error {
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}
