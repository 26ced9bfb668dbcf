// Package pgxrows: rows-not-closed and conn-not-released for pgx and
// pgxpool, each finding beside its near-miss.
package pgxrows

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type User struct {
	ID   int64
	Name string
}

// Near-miss: pgx closes the rows when Next returns false and when Scan
// fails, so returning on a Scan error does not leak.
func scanAll(ctx context.Context, pool *pgxpool.Pool) ([]User, error) {
	rows, err := pool.Query(ctx, "SELECT id, name FROM users")
	if err != nil {
		return nil, err
	}
	var us []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, rows.Err()
}

// Finding: a return from the loop that is not a Scan failure.
func firstAdmin(ctx context.Context, pool *pgxpool.Pool) (User, error) {
	rows, err := pool.Query(ctx, "SELECT id, name FROM users") // want `rows from "SELECT id, name FROM users" are not closed when the function returns at line 47; add defer rows.Close\(\) after the error check`
	if err != nil {
		return User{}, err
	}
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return User{}, err
		}
		if u.Name == "admin" {
			return u, nil
		}
	}
	return User{}, rows.Err()
}

// Near-miss: the same with defer rows.Close().
func firstAdminClosed(ctx context.Context, pool *pgxpool.Pool) (User, error) {
	rows, err := pool.Query(ctx, "SELECT id, name FROM users")
	if err != nil {
		return User{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return User{}, err
		}
		if u.Name == "admin" {
			return u, nil
		}
	}
	return User{}, rows.Err()
}

// Near-miss: CollectRows closes the rows; ignoring Query's error is the
// pgx idiom (it comes back from CollectRows).
func collect(ctx context.Context, pool *pgxpool.Pool) ([]User, error) {
	rows, _ := pool.Query(ctx, "SELECT id, name FROM users")
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

func collectOne(ctx context.Context, conn *pgx.Conn) (map[string]any, error) {
	rows, err := conn.Query(ctx, "SELECT id, name FROM users WHERE id = $1", 1)
	if err != nil {
		return nil, err
	}
	return pgx.CollectOneRow(rows, pgx.RowToMap)
}

// Finding: a RowToFunc reads one row; it does not close.
func rowToMap(ctx context.Context, conn *pgx.Conn) (map[string]any, error) {
	rows, err := conn.Query(ctx, "SELECT id, name FROM users WHERE id = $1", 1) // want `rows from "SELECT id, name FROM users WHERE id = \$1" are not closed when the function returns at line 96`
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		return nil, rows.Err()
	}
	return pgx.RowToMap(rows)
}

// Finding: batch results not closed when the first Exec fails.
func batch(ctx context.Context, pool *pgxpool.Pool) error {
	b := &pgx.Batch{}
	b.Queue("UPDATE users SET name = 'x' WHERE id = $1", 1)
	br := pool.SendBatch(ctx, b) // want `batch results from pool.SendBatch are not closed when the function returns at line 105; add defer br.Close\(\) after line 103`
	if _, err := br.Exec(); err != nil {
		return err
	}
	return br.Close()
}

// Near-miss: defer br.Close().
func batchClosed(ctx context.Context, pool *pgxpool.Pool) error {
	b := &pgx.Batch{}
	b.Queue("UPDATE users SET name = 'x' WHERE id = $1", 1)
	br := pool.SendBatch(ctx, b)
	defer br.Close()
	_, err := br.Exec()
	return err
}

// Finding: a pooled connection not released on an error path.
func acquire(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx) // want `connection from pool.Acquire is not released when the function returns at line 127; add defer conn.Release\(\) after the error check`
	if err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "SET search_path = tenant"); err != nil {
		return err
	}
	conn.Release()
	return nil
}

// Near-miss: defer conn.Release(); Hijack takes the connection out of
// the pool.
func acquireReleased(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	_, err = conn.Exec(ctx, "SET search_path = tenant")
	return err
}

func hijack(ctx context.Context, pool *pgxpool.Pool) (*pgx.Conn, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	return conn.Hijack(), nil
}

// Near-miss: errors from Values and RowToStructByName close pgx rows.
func values(ctx context.Context, pool *pgxpool.Pool) ([][]any, error) {
	rows, err := pool.Query(ctx, "SELECT id, name FROM users")
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

func structs(ctx context.Context, pool *pgxpool.Pool) ([]User, error) {
	rows, err := pool.Query(ctx, "SELECT id, name FROM users")
	if err != nil {
		return nil, err
	}
	var out []User
	for rows.Next() {
		u, err := pgx.RowToStructByName[User](rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
