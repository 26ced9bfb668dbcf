// Package txrace defines an Analyzer that reports data races between
// concurrent requests that the database would let through: updates lost
// in a read-modify-write, duplicates inserted after a check, and
// SERIALIZABLE transactions that are never retried.
//
// # Analyzer txrace
//
// txrace: read-modify-write races, check-then-insert, unretried SERIALIZABLE
//
// Within one function, the analyzer follows the values a SELECT scans into
// Go variables and reports:
//
//   - lost-update: a column read by a SELECT that takes no row lock (FOR
//     UPDATE, FOR NO KEY UPDATE, FOR SHARE), filtered by a key (id = $1),
//     changed in Go (arithmetic, append, a call, x -= y, a method with a
//     pointer receiver) and written back to the same column of the same
//     row (the same Go expression for the key, or the key read back) by
//     an UPDATE, outside a transaction or in one below REPEATABLE READ.
//     Two requests that do this at once both read the old value, and the
//     second write erases the first.
//   - check-then-insert: a SELECT (count(*), EXISTS, or a row lookup whose
//     error is compared with sql.ErrNoRows or pgx.ErrNoRows) filtered by
//     equality on columns C, whose answer decides in an if whether an
//     INSERT into the same table writes the same values in C, where no
//     unique index or constraint on the table has its keys among C. Below
//     SERIALIZABLE two requests can both find nothing and both insert.
//   - serializable-without-retry: a transaction begun at SERIALIZABLE
//     (sql.TxOptions, pgx.TxOptions, BEGIN or SET TRANSACTION sent as SQL)
//     that nothing retries. Serialization failures (SQLSTATE 40001) are
//     the normal way SERIALIZABLE resolves conflicts; without a retry they
//     surface as errors to users.
//
// # Examples
//
//	var balance int64
//	tx.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance)
//	tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id)
//	// balance read by SELECT at line 12 is written back by UPDATE "accounts" at line 13 after computing it in Go: two concurrent requests lose one update; compute it in SQL (UPDATE ... SET balance = balance - $1) or lock the row (SELECT ... FOR UPDATE in a transaction)
//
//	var n int
//	db.QueryRow("SELECT count(*) FROM users WHERE email = $1", email).Scan(&n)
//	if n == 0 {
//		db.Exec("INSERT INTO users (email) VALUES ($1)", email)
//		// insert into "users" runs when the SELECT at line 20 finds no row with the same (email): two concurrent requests can both find none and both insert, and no unique index covers (email); add CREATE UNIQUE INDEX CONCURRENTLY ON users (email) and use INSERT ... ON CONFLICT (email) DO NOTHING
//	}
//
//	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
//	// transaction begun at SERIALIZABLE is never retried: serialization failures (SQLSTATE 40001) are expected under SERIALIZABLE; retry the whole transaction when it fails with 40001
//
// # Isolation levels
//
// A statement on a pool (*sql.DB, *pgxpool.Pool) or a connection runs on
// its own. A transaction's level is read from the call that begins it in
// the same package: Begin, BeginTx with options written as a literal (or
// a variable assigned one once), pgx.BeginFunc and BeginTxFunc callbacks,
// the callbacks of the package's own helpers that begin a transaction and
// pass it to a function parameter (one level), and BEGIN or SET
// TRANSACTION ISOLATION LEVEL sent as SQL.
//
// # Precision
//
// The analyzer is silent when it cannot see the level: a transaction
// passed in from another package, options that are not constant, a
// package that sets default_transaction_isolation. lost-update is silent
// when the UPDATE computes the value in SQL (SET balance = balance - $1),
// when its WHERE also tests a column the SELECT read (an optimistic
// version check), when the row or table was locked earlier in the
// function (FOR UPDATE, LOCK TABLE, an advisory lock), when the value
// written is a plain copy of the one read, and at REPEATABLE READ or
// SERIALIZABLE. check-then-insert needs the schema; it is silent with ON
// CONFLICT, when any unique index whose keys are among the filtered
// columns exists (partial ones too), under a lock, at SERIALIZABLE, and
// when the INSERT writes other values than the SELECT looked for. A
// count compared with anything but 0 or 1 is a limit, not a check for
// existence, and is not reported. serializable-without-retry is silent
// when a for loop (or a range over an integer) encloses the transaction,
// when the function compares an error code with "40001" (pgconn.PgError,
// pgerrcode.SerializationFailure), when a function literal holding the
// transaction is passed to a helper whose name or package says retry, and
// when a caller in the same package does one of these.
package txrace

const doc = `txrace: read-modify-write races, check-then-insert, unretried SERIALIZABLE

Follows values a SELECT scans into Go variables within one function and
reports a column changed in Go and written back by UPDATE without a row
lock below REPEATABLE READ (lost-update), an INSERT decided by a SELECT
that looked for the same row with no unique index behind it
(check-then-insert), and SERIALIZABLE transactions that nothing retries
on SQLSTATE 40001 (serializable-without-retry).

Silent when the isolation level cannot be seen, when the UPDATE computes
in SQL or checks a version, with FOR UPDATE, ON CONFLICT, a covering
unique index, a retry loop, a 40001 check or a retry helper.`
