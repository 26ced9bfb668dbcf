// Package migrations defines an analysis pass that finds the migration
// sources of a package; so far the goose Go migrations it registers.
//
// # Analyzer migrations
//
// migrations: goose Go migrations and the SQL they send
//
// The pass reports nothing. It returns a *Result that migrationsafety
// reads through Requires:
//
//	res := pass.ResultOf[migrations.Analyzer].(*migrations.Result)
//	for _, g := range res.Go { ... g.Migration ... g.CallFor(script, i) ... }
//
// A goose Go migration is a call to goose.AddMigrationContext,
// AddMigrationNoTxContext, AddMigration, AddMigrationNoTx or their
// AddNamed* forms (github.com/pressly/goose/v3), usually in init(). The
// version and name come from the file's base name, as goose reads them
// (00002_add_users.go: version "00002", name "add_users"), or from the
// AddNamed* name argument when it is a constant; a call with no version
// goose would accept is skipped. The up and down arguments are functions
// declared in the package or function literals (a conversion to the goose
// func type is looked through); nil means no script.
//
// For each direction the pass collects, in source order, the SQL calls
// (sqlcall kinds exec, query and query-row, and executions of a statement
// prepared on the handle) whose receiver is the function's *sql.Tx or
// *sql.DB parameter, and follows one level of calls to functions of the
// same package, in order where they are called: a helper's SQL counts
// when it runs on the parameter the migration passed the handle in. The
// texts are joined, each followed by ";\n", into a synthesized
// Script.Src that is parsed again, so statement positions index Src, not
// the .go file; UpCalls and DownCalls map each statement back to its Go
// call. AddMigration* scripts are TxWrapped; AddMigrationNoTx* scripts
// are TxNone (each statement on its own, even when one Exec sends
// several). Control flow is not considered: a call in a branch or a loop
// counts once.
//
// # Precision
//
// The pass never guesses a script. A direction is unknown (its Script is
// nil and UpUnknown or DownUnknown says why) when a call sends SQL that is
// unresolved, built at run time, one of several texts, or does not parse;
// when SQL is sent on anything but the migration's tx or db (a package
// variable, a Conn, a transaction the function opens itself); when the
// handle is used any other way (passed to another package, stored,
// BeginTx, Stmt); when a helper passes it on one level deeper; or when the
// function is neither declared in the package nor a literal. Checkers are
// silent about unknown directions.
package migrations

const doc = `migrations: goose Go migrations and the SQL they send

The pass reports nothing; it returns a *migrations.Result listing each
goose.AddMigration* call of the package with its version (from the file
name), transaction mode, and the SQL its up and down functions send on
their tx or db, in source order, as sqlschema scripts whose statements map
back to the Go calls.

Examples:

	// 00002_add_index.go
	func init() { goose.AddMigrationNoTxContext(up, down) }
	func up(ctx context.Context, db *sql.DB) error {
		_, err := db.ExecContext(ctx, "CREATE INDEX CONCURRENTLY users_email_idx ON users (email)")
		return err
	}
	// goose-go 00002 add_index tx=none up: CREATE INDEX CONCURRENTLY ...

A direction whose SQL is not fully known (unresolved or dynamic SQL, the
tx passed where the pass does not follow it) has no script, and checkers
say nothing about it.`
