// Package rowsclose: rows-not-closed for database/sql and sqlx, each
// finding beside the near-miss that must stay silent.
package rowsclose

import (
	"context"
	"database/sql"
	"errors"
	"log"

	"github.com/jmoiron/sqlx"
)

var errNotFound = errors.New("not found")

// Finding: a Scan error returns from the loop with the rows open.
func scanErrorReturns(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed when the function returns at line 26; add defer rows.Close\(\) after the error check`
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

// Near-miss: the same with defer rows.Close().
func scanErrorReturnsClosed(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
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

// Near-miss: read to the end, database/sql closes the rows itself; the
// error branch of the query has no rows to close.
func readToTheEnd(ctx context.Context, db *sql.DB) (n int, err error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// Finding: one row read with if rows.Next(), the rest left open.
func firstOnly(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users ORDER BY id") // want `rows from "SELECT name FROM users ORDER BY id" are not closed when the function returns at line 75`
	if err != nil {
		return "", err
	}
	if !rows.Next() { // want `rows.Err\(\) is not checked after the rows.Next\(\) loop over "SELECT name FROM users ORDER BY id": an error that ends the loop early .* is dropped and the partial result looks complete; check rows.Err\(\) after the loop`
		return "", errNotFound
	}
	var name string
	err = rows.Scan(&name)
	return name, err
}

// Near-miss: same, closed explicitly before each return.
func firstOnlyClosed(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users ORDER BY id")
	if err != nil {
		return "", err
	}
	if !rows.Next() {
		rows.Close()
		return "", rows.Err()
	}
	var name string
	err = rows.Scan(&name)
	rows.Close()
	return name, err
}

// Finding: break out of the loop.
func breakOut(ctx context.Context, db *sql.DB, limit int) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed when the function ends at line 108`
	if err != nil {
		return
	}
	n := 0
	for rows.Next() {
		n++
		if n == limit {
			break
		}
	}
	_ = rows.Err()
}

// Near-miss: the error check in another shape, errors.Is and &&.
func errorShapes(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return nil
	}
	defer rows.Close()
	return nil
}

// Near-miss: log.Fatal and panic never return.
func fatal(ctx context.Context, db *sql.DB) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		log.Fatal(err)
	}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			panic(err)
		}
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
}

// Finding: the variable is reused for a second query before the first
// rows are closed.
func overwritten(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed when rows is reassigned at line 147`
	if err != nil {
		return err
	}
	rows, err = db.QueryContext(ctx, "SELECT id FROM orders")
	if err != nil {
		return err
	}
	defer rows.Close()
	return nil
}

// Finding: a query per iteration, continue skips the Close.
func perIteration(ctx context.Context, db *sql.DB, ids []int) error {
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT name FROM users WHERE id = $1", id) // want `rows from "SELECT name FROM users WHERE id = \$1" are not closed when the loop comes back to line 158; call rows.Close\(\) before the iteration ends`
		if err != nil {
			return err
		}
		if id == 0 {
			continue
		}
		rows.Close()
	}
	return nil
}

// Near-miss: rows handed to the caller, and stored in a struct.
func handedOn(ctx context.Context, db *sql.DB) (*sql.Rows, error) { // want handedOn:`returns\(0\)`
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

type iter struct{ rows *sql.Rows }

func stored(ctx context.Context, db *sql.DB) (*iter, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	return &iter{rows: rows}, nil
}

// Finding: rows from a function that returns them (the caller owns them).
func caller(ctx context.Context, db *sql.DB) error {
	rows, err := handedOn(ctx, db) // want `rows from handedOn are not closed when the function returns at line 196`
	if err != nil {
		return err
	}
	if rows.Next() { // want `rows.Err\(\) is not checked`
		return nil
	}
	return rows.Close()
}

// Near-miss: given to a function the analyzer knows nothing about.
func unknown(ctx context.Context, db *sql.DB, consume func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return err
	}
	return consume(rows)
}

// Finding and near-miss with sqlx: Queryx rows and a prepared statement.
func sqlxRows(ctx context.Context, db *sqlx.DB) error {
	rows, err := db.QueryxContext(ctx, "SELECT id, name FROM users") // want `rows from "SELECT id, name FROM users" are not closed when the function returns at line 219`
	if err != nil {
		return err
	}
	for rows.Next() {
		var u struct{ ID, Name string }
		if err := rows.StructScan(&u); err != nil {
			return err
		}
	}
	return rows.Err()
}

func sqlxStmt(ctx context.Context, db *sqlx.DB) error {
	stmt, err := db.PreparexContext(ctx, "SELECT name FROM users WHERE id = $1") // want `prepared statement from "SELECT name FROM users WHERE id = \$1" is not closed when the function returns at line 231`
	if err != nil {
		return err
	}
	var name string
	return stmt.GetContext(ctx, &name, 1)
}

func sqlxStmtClosed(ctx context.Context, db *sqlx.DB) error {
	stmt, err := db.PreparexContext(ctx, "SELECT name FROM users WHERE id = $1")
	if err != nil {
		return err
	}
	defer stmt.Close()
	var name string
	return stmt.GetContext(ctx, &name, 1)
}

// Near-miss: sqlx.StructScan reads every row and closes them.
func sqlxStructScan(ctx context.Context, db *sqlx.DB) error {
	rows, err := db.QueryxContext(ctx, "SELECT id, name FROM users")
	if err != nil {
		return err
	}
	var us []struct{ ID, Name string }
	return sqlx.StructScan(rows, &us)
}

// Near-miss: the error checked by a switch on it.
func switchOnErr(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	switch err {
	case nil:
	default:
		return err
	}
	defer rows.Close()
	return nil
}

// Near-miss: closed by a deferred closure that reports the error
// through the named result; closed in a goroutine.
func deferredNamed(ctx context.Context, db *sql.DB) (err error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return nil
}

func background(ctx context.Context, db *sql.DB, done chan<- int) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return err
	}
	go func() {
		defer rows.Close()
		n := 0
		for rows.Next() {
			n++
		}
		done <- n
	}()
	return nil
}

// Near-miss: read to the end by a function literal called at once.
func inClosure(ctx context.Context, db *sql.DB) (n int, err error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	func() {
		for rows.Next() {
			n++
		}
	}()
	return n, rows.Err()
}

// Finding: the literal may stop reading early, so the rows stay open.
func inClosureEarly(ctx context.Context, db *sql.DB) (n int, err error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users") // want `rows from "SELECT id FROM users" are not closed when the function returns at line 326`
	if err != nil {
		return 0, err
	}
	err = func() error {
		for rows.Next() {
			if n > 3 {
				return errTooMany
			}
			n++
		}
		return rows.Err()
	}()
	return n, err
}

var errTooMany = errors.New("too many")
