// Package poolmisuse defines an Analyzer that reports database resources
// that leak and connection pools used wrongly.
//
// # Analyzer poolmisuse
//
// poolmisuse: rows, transactions and connections that leak; pools misused
//
// The analyzer follows every resource a function opens through its
// control-flow graph (database/sql, sqlx, pgx v5, pgxpool, GORM) and
// reports the paths that leave it open, then the ways a pool is misused:
//
//   - rows-not-closed: Rows (database/sql, sqlx, pgx), pgx BatchResults or
//     a prepared statement not closed on some path: an early return, an
//     error branch, a break out of the rows.Next() loop. Rows read until
//     Next() returns false close themselves, and pgx rows also close
//     when Scan fails.
//   - rows-err-unchecked: rows.Err() not checked after the rows.Next()
//     loop, so an error that ends the loop early looks like the end of
//     the result.
//   - tx-not-finished: a transaction (Begin, BeginTx, Beginx, MustBegin,
//     pgx and pgxpool Begin, GORM Begin) neither committed nor rolled
//     back on some path.
//   - conn-not-released: a connection from pgxpool's Acquire or
//     database/sql's DB.Conn not released on some path.
//   - db-in-tx: a query sent through the pool while a transaction begun
//     from it is open in the same function, or in a function that works
//     in a transaction it receives: it runs on another connection,
//     outside the transaction, and can wait forever for a connection.
//   - query-rows-discarded: Query whose rows are discarded; use Exec.
//   - queryrow-not-scanned: QueryRow whose row is never scanned: the
//     error is lost and database/sql holds the connection until Scan.
//   - defer-in-loop: Close, Release or Rollback deferred in a loop body.
//   - pool-per-call: sql.Open, sqlx.Open/Connect, pgxpool.New or
//     pgx.Connect in an HTTP handler or once per loop iteration.
//   - missing-context: a database/sql or sqlx call without its Context
//     variant while a context.Context (or an *http.Request) is in scope.
//   - pool-unbounded: a *sql.DB opened without SetMaxOpenConns by a
//     function that keeps it to itself (not in _test.go files).
//   - pool-idle-exceeds-open: SetMaxIdleConns(n) above SetMaxOpenConns(m).
//   - prepared-statements-with-pgbouncer: with pooler: pgbouncer-transaction,
//     pgx configurations that keep the cached-statement mode, and
//     explicit Prepare calls outside a transaction.
//
// Ownership moves through function calls with facts exported on
// functions: "closes parameter i" (a helper that closes or reads the rows
// to the end, on every path), "borrows parameter i" (reads it; the caller
// still owns it) and "returns result i" (the caller now owns what the
// function opened). pgx's CollectRows, CollectOneRow, AppendRows and
// ForEachRow, and sqlx.StructScan, close the rows they are given.
//
// # Examples
//
//	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
//	if err != nil {
//		return err
//	}
//	for rows.Next() {
//		if err := rows.Scan(&id); err != nil {
//			return err // rows from "SELECT id FROM users" are not closed when the function returns at line 46; add defer rows.Close() after the error check
//		}
//	}
//
//	tx, err := db.BeginTx(ctx, nil)
//	...
//	db.ExecContext(ctx, "UPDATE accounts SET ...") // query through "db" while transaction "tx" from line 12 is open: ...; send it through tx
//
// # Precision
//
// The analyzer is silent about a resource that is passed where it
// cannot follow it: stored in a struct field or a global, captured by a
// function literal it cannot summarize, given to a function without a
// fact, or assigned inside a closure to a variable of the enclosing
// function. Returning a resource hands it to the caller. The error
// branch of the producing call (rows, err := db.Query(...); if err !=
// nil { return err }) is not a leak: the resource is nil there. A
// release inside a deferred function literal counts even when it is
// guarded by a condition. Paths that end in panic, os.Exit or log.Fatal
// are not leaks.
package poolmisuse

const doc = `poolmisuse: rows, transactions and connections that leak; pools misused

Follows every Rows, BatchResults, prepared statement, transaction and
pooled connection a function opens through its control-flow graph and
reports the paths that leave it open (rows-not-closed, tx-not-finished,
conn-not-released), rows.Err() not checked after the Next loop, queries
sent through the pool while a transaction is open (db-in-tx), Query whose
rows are discarded, QueryRow never scanned, releases deferred in a loop,
pools opened per request or per iteration, calls without their Context
variant, *sql.DB without SetMaxOpenConns, idle limits above open limits,
and server-side prepared statements behind PgBouncer in transaction mode.

Ownership moves with facts: a helper that closes the rows it receives,
in any package, closes them; a function that returns rows hands them to
its caller. The analyzer is silent about resources passed where it cannot
follow them (struct fields, unknown functions, closures).`
