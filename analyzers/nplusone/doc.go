// Package nplusone defines an Analyzer that reports queries executed once
// per loop iteration, directly or through calls into other packages.
//
// # Analyzer nplusone
//
// nplusone: queries executed once per loop iteration (N+1)
//
// For every call inside the body of a for or range loop that executes a
// query, directly (database/sql, pgx, pgxpool, sqlx Get/Select, GORM
// finishers such as Find, First, Take, Last, Count, Pluck, Scan, and
// association calls) or through a function that does (dbfacts' facts, so
// store.GetCustomer called from a handler counts), the analyzer reports,
// at the call in the loop, for the innermost loop that makes it repeat:
//
//   - n-plus-one: a query per iteration. A call in a goroutine or an
//     errgroup task started per iteration counts too: the tasks run in
//     parallel and exhaust the pool. A query that uses nothing the loop
//     declares or changes is called out as one to run before the loop.
//   - write-in-loop: an INSERT, UPDATE or DELETE per iteration; write the
//     rows in one statement (a multi-row INSERT, unnest($1::...[]),
//     CopyFrom) or queue them on a pgx.Batch.
//   - query-in-rows-loop: a query on the pool inside a for rows.Next()
//     loop over rows read from the same pool. The open rows hold one
//     connection while each iteration asks for another: with a small pool
//     every connection ends up held by a loop waiting for one, a deadlock.
//     Reported instead of n-plus-one for that loop.
//
// The message names the loop and its collection, and the function or
// query that loaded the collection when it is in the same function, the
// call chain down to the statement, the statement, and the remedy.
//
// # Examples
//
//	orders, _ := s.store.OrdersByStatus(ctx, "open")
//	for _, o := range orders {
//		c, _ := s.store.GetCustomer(ctx, o.CustomerID) // query runs once per iteration of the loop over "orders" (loaded by store.OrdersByStatus) (N+1): store.GetCustomer -> SELECT id, name FROM customers WHERE id = $1; load them in one query (WHERE id = ANY($1)) or join
//	}
//
//	for _, it := range items {
//		tx.Exec(ctx, "INSERT INTO order_items (order_id, sku) VALUES ($1, $2)", id, it.SKU) // INSERT runs once per iteration of the loop over "items": INSERT INTO order_items (order_id, sku) VALUES ($1, $2); insert them in one statement (a multi-row INSERT, INSERT ... SELECT * FROM unnest($1::...[]), or CopyFrom), or queue them on a pgx.Batch
//	}
//
// # Precision
//
// The analyzer stays silent when it cannot tell that a loop iterates over
// data, and on the shapes that are not N+1: the rows.Next() scan loop
// itself; pgx.Batch.Queue, SendBatch and CopyFrom in a loop (the fix);
// statements that already take a set of keys (= ANY($1), unnest($1),
// sqlx.In, GORM with a slice argument or Create of a slice) run per chunk;
// a query followed, in the same branch, by a return or a break with no
// continue in between (a first-match search runs it once); loops of a few
// iterations known in advance (a counted loop of at most 10, a range over
// an int constant up to 10 or over a literal of at most 5 elements, a
// counted retry loop that does not use its counter and leaves early),
// which are looked through to the loop around them; for {} and for cond {}
// loops (workers, state machines, polls) and loops that block on a
// channel, a select or a sleep; ranges over a channel; function literals
// that are returned or stored rather than run; _test.go files (a
// table-driven test loops over its cases by design); statements whose text is
// not known at compile time (tx.Exec(ctx, m.SQL) in a migration runner, a
// helper that takes the SQL as a parameter); statements that neither read
// nor write rows (TRUNCATE, SET, LOCK, DDL, CALL); goroutines started by a
// loop that counts (for i := range workers, i < n) rather than goes over a
// collection: a fixed pool of workers; writes on a transaction begun in
// the same iteration (each iteration commits or fails alone, as in a
// migration runner), which cannot be one statement. Calls through a user
// interface (a repository) have no facts and are not followed. A query in
// a loop of a migration or seed helper is reported like any other.
package nplusone

const doc = `nplusone: queries executed once per loop iteration (N+1)

Reports a call in the body of a for or range loop that executes a query,
directly or through functions in any package (dbfacts), at the innermost
loop that repeats it: n-plus-one (a query per iteration, goroutines and
errgroup tasks per iteration included), write-in-loop (an INSERT, UPDATE or
DELETE per iteration), and query-in-rows-loop (a query on the pool while a
rows.Next() loop over the same pool holds a connection: a deadlock when the
pool is small). The message names the loop, its collection and where it was
loaded, the call chain and the statement, and the remedy.

The analyzer is silent on the rows.Next() scan loop itself, on batching
(pgx.Batch.Queue, = ANY($1), sqlx.In, GORM slices), on a query right before
a return or break, on loops of a few iterations known in advance (retries,
short literals), on for {} / for cond {} loops and loops that block on a
channel, a select or a sleep, on statements whose text is not known at
compile time or that neither read nor write rows (TRUNCATE, DDL), on a
fixed pool of worker goroutines, on writes in a transaction per
iteration, in _test.go files, and on calls through user interfaces.`
