// Package querycheck defines an Analyzer that checks the SQL a Go program
// sends against the project's schema.
//
// # Analyzer querycheck
//
// querycheck: SQL that does not match the schema, checked before it runs
//
// For every call that sends SQL (database/sql, pgx, pgxpool, sqlx, GORM Raw
// and Exec, sqlc-generated code) whose text is known at compile time, the
// analyzer parses the statement with PostgreSQL's own parser, binds it to the
// schema built from the project's migrations, and reports:
//
//   - syntax-error: the text does not parse; PostgreSQL's message, at the
//     offending token inside the string literal where possible. In a
//     module without a PostgreSQL schema, a database/sql or sqlx text that
//     parses with its ? read as placeholders is taken to be written for
//     another database (MySQL, SQLite) and is not checked.
//   - unknown-table: a relation that does not exist (and which migration
//     dropped or renamed it, when one did).
//   - unknown-column: a column that does not exist in the relations in scope.
//   - ambiguous-column: an unqualified column found in more than one relation.
//   - placeholder-count: $n, ? or @name placeholders that do not match the
//     arguments passed.
//   - scan-count: Scan targets that do not match the number of output columns
//     (with * expanded from the schema).
//   - scan-null: a column that can be NULL scanned into a Go type that
//     cannot hold NULL (string, int64, time.Time...).
//   - insert-not-null: an INSERT that omits a NOT NULL column with no default.
//   - insert-arity: an INSERT whose values do not match its column list.
//   - update-without-where, delete-without-where: a statement that changes
//     every row of a table. Not when that is said to be the intent: the
//     function's name or doc comment says all or every (FlushAllSessions,
//     "clears the errors of all feeds"), the statement is a backfill in
//     a migration run from Go (a text that also holds DDL), or it is in a
//     _test.go file (a test empties its tables between cases).
//
// # Examples
//
//	db.QueryRow(ctx, "SELECT emial FROM users WHERE id = $1", id) // column "emial" does not exist in "users"; did you mean "email"?
//	var name string
//	db.QueryRow(ctx, "SELECT nickname FROM users WHERE id = $1", id).Scan(&name) // column "nickname" can be NULL (users.nickname is nullable) but is scanned into string; scan into *string or sql.NullString, or COALESCE it
//
// GORM chains are checked too: the string fragments of Where, Or, Not,
// Order, Group, Having and Select against the table that Model(&T{}),
// Table("t") or the finisher's destination names (a constant TableName
// method, else GORM's snake_case plural).
//
// The analyzer is silent on calls to another database engine
// (sqlcall.Call.OtherDatabase: a package path or file name that names
// one, a text in its dialect), when the SQL text cannot be resolved at compile
// time, on the parts of a text built at run time (fmt.Sprintf holes), and on
// names it cannot resolve because a relation's columns are unknown (a
// set-returning function, a table in a schema the catalog does not model).
// Without a schema, only syntax-error, placeholder-count and the
// without-where rules run.
package querycheck
