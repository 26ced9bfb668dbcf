// Package sqlcall defines an analysis pass that finds every call that sends
// SQL to PostgreSQL and resolves its text.
//
// # Analyzer sqlcall
//
// sqlcall: find every call that sends SQL and resolve its text
//
// The pass reports nothing. It returns a *Result that the reporting
// analyzers (querycheck, nplusone, missingindex, poolmisuse, sqlinjection)
// read through Requires:
//
//	res := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result)
//	for _, c := range res.Calls { ... }
//
// A call is found when its callee is in the API table (knowledge.go):
// database/sql, pgx v5 and pgxpool, sqlx, and GORM v2, or when it is a
// method of an interface whose name and signature match a known method
// (sqlc's DBTX). For each call the pass records the API, the kind (query,
// query-row, exec, prepare, batch-queue, send-batch, copy-from, select,
// get, named-exec, named-query, fragment, orm), the receiver, the
// arguments, the placeholder style and, when visible in the same function,
// where the rows are scanned.
//
// The SQL text is folded from the Go source: string constants, + of
// constants, locals assigned once, package constants and package variables
// nothing assigns, fmt.Sprintf with a constant format, strings.Join of a
// constant slice, sqlx.In and Rebind (the text flows through), and a local
// given different constants in the branches of one if or switch (each is
// a variant). Parts only known at run time become holes, written in the
// text as __dblint_dyn_N__ and recorded with the expression that fills
// them. Each text is parsed with sqlschema/pgsql.
//
// # Examples
//
//	db.QueryRowContext(ctx, "SELECT id, name FROM users WHERE id = $1", id).Scan(&u.ID, &u.Name)
//	// database/sql query-row "SELECT id, name FROM users WHERE id = $1" args=1 scan=2
//
//	q := fmt.Sprintf("SELECT * FROM %s WHERE id = $1", table)
//	pool.Query(ctx, q, id)
//	// pgxpool query "SELECT * FROM __dblint_dyn_0__ WHERE id = $1" with a sprintf-verb hole
//
// # Precision
//
// The pass never guesses a text. A SQL argument it cannot fold (a
// parameter, a struct field, a local reassigned in straight-line code or
// in a loop, a string built with +=) leaves the call with no Queries,
// counted in Stats.Unresolved, and the analyzers stay silent about it.
package sqlcall

const doc = `sqlcall: find every call that sends SQL and resolve its text

The pass reports nothing; it returns a *sqlcall.Result listing every call
to database/sql, pgx, pgxpool, sqlx and GORM (and to interfaces shaped like
them, as in sqlc-generated code) with its kind, receiver, arguments, folded
and parsed SQL text, and the Scan targets when visible.

Examples:

	db.QueryRow("SELECT id, name FROM users WHERE id = $1", id).Scan(&a, &b)
	// database/sql query-row "SELECT id, name FROM users WHERE id = $1" args=1 scan=2

The pass never guesses: SQL it cannot fold from constants is left
unresolved (counted in -stats) and the analyzers say nothing about it.`
