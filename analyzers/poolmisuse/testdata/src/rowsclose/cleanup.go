package rowsclose

import (
	"context"
	"database/sql"
)

// acquire hands the caller the connection with the function that
// releases it.
func acquire(ctx context.Context, db *sql.DB) (*sql.Conn, func() error, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	return conn, conn.Close, nil
}

// Near-miss: the cleanup function releases the connection.
func withCleanup(ctx context.Context, db *sql.DB) error {
	conn, cleanup, err := acquire(ctx, db)
	if err != nil {
		return err
	}
	defer cleanup()
	_, err = conn.ExecContext(ctx, "SELECT 1")
	return err
}

// acquireOnly hands over the connection alone.
func acquireOnly(ctx context.Context, db *sql.DB) (*sql.Conn, error) { // want acquireOnly:`returns\(0\)`
	return db.Conn(ctx)
}

// Finding: the connection is the caller's to release.
func withoutRelease(ctx context.Context, db *sql.DB) error {
	conn, err := acquireOnly(ctx, db) // want `connection from acquireOnly is not released`
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "SELECT 1")
	return err
}
