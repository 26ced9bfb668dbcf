package sqlschema

import "github.com/dblint/dblint/sqlschema/pgsql"

// TxMode says how a migration tool sends a script to the server, which
// decides whether CONCURRENTLY is allowed and how long locks are held.
type TxMode int

const (
	// TxImplicit: the whole script is sent in one simple-protocol Exec,
	// which PostgreSQL runs as one implicit transaction (golang-migrate).
	// A script of one statement is not in a transaction block.
	TxImplicit TxMode = iota
	// TxWrapped: the tool wraps the script in BEGIN ... COMMIT (goose,
	// dbmate, sql-migrate, tern by default).
	TxWrapped
	// TxNone: each statement runs on its own, autocommitted (goose
	// NO TRANSACTION, dbmate transaction:false, sql-migrate notransaction).
	TxNone
)

func (m TxMode) String() string {
	switch m {
	case TxImplicit:
		return "implicit"
	case TxWrapped:
		return "wrapped"
	case TxNone:
		return "none"
	}
	return "unknown"
}

// InTransaction reports whether the statements of a script with n
// statements run inside a transaction block.
func (m TxMode) InTransaction(n int) bool {
	switch m {
	case TxWrapped:
		return true
	case TxImplicit:
		return n > 1
	}
	return false
}

// Migration is one versioned migration with its up and down scripts.
type Migration struct {
	// Version is the version as written in the file name or header
	// ("0042", "20240101120000"); versions compare numerically.
	Version string
	Name    string
	// Format is the tool: golang-migrate, goose, dbmate, tern,
	// sql-migrate, atlas, plain, pg_dump.
	Format string
	Up     *Script
	// Down is nil when the migration has no down script.
	Down *Script
}

// Script is the SQL of one direction of a migration.
type Script struct {
	// File is the path of the file that holds the script.
	File string
	// Src is the whole file; statement positions index it.
	Src        string
	Statements []pgsql.Statement
	Tx         TxMode
}
