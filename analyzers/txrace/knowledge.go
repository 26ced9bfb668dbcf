package txrace

// This file is the analyzer's API knowledge, as data: the functions that
// begin a transaction, where their options and callbacks are, and how
// isolation levels are spelled. The code reads these tables.

// none marks an argument index an entry does not have.
const none = -1

// beginEntry describes a function that begins a transaction.
type beginEntry struct {
	// Opts is the index of the options argument (*sql.TxOptions,
	// pgx.TxOptions); none when the transaction gets the default level.
	Opts int
	// Fn is the index of a callback that receives the transaction as its
	// first parameter (pgx.BeginFunc); none when the call returns it.
	Fn int
	// Nested: a savepoint inside the receiver transaction, which keeps
	// the receiver's isolation level (pgx Tx.Begin).
	Nested bool
}

// begins maps a qualified callee (types.Func.FullName) to its entry.
var begins = map[string]beginEntry{
	"(*database/sql.DB).Begin":                        {Opts: none, Fn: none}, // Begin() (*Tx, error)
	"(*database/sql.DB).BeginTx":                      {Opts: 1, Fn: none},    // BeginTx(ctx, opts *TxOptions) (*Tx, error)
	"(*database/sql.Conn).BeginTx":                    {Opts: 1, Fn: none},    // BeginTx(ctx, opts *TxOptions) (*Tx, error)
	"(*github.com/jmoiron/sqlx.DB).Beginx":            {Opts: none, Fn: none}, // Beginx() (*Tx, error)
	"(*github.com/jmoiron/sqlx.DB).MustBegin":         {Opts: none, Fn: none}, // MustBegin() *Tx
	"(*github.com/jmoiron/sqlx.DB).BeginTxx":          {Opts: 1, Fn: none},    // BeginTxx(ctx, opts *sql.TxOptions) (*Tx, error)
	"(*github.com/jmoiron/sqlx.DB).MustBeginTx":       {Opts: 1, Fn: none},    // MustBeginTx(ctx, opts *sql.TxOptions) *Tx
	"(*github.com/jmoiron/sqlx.Conn).BeginTxx":        {Opts: 1, Fn: none},    // BeginTxx(ctx, opts *sql.TxOptions) (*Tx, error)
	"(*github.com/jackc/pgx/v5.Conn).Begin":           {Opts: none, Fn: none}, // Begin(ctx) (Tx, error)
	"(*github.com/jackc/pgx/v5.Conn).BeginTx":         {Opts: 1, Fn: none},    // BeginTx(ctx, txOptions TxOptions) (Tx, error)
	"(github.com/jackc/pgx/v5.Tx).Begin":              {Opts: none, Fn: none, Nested: true},
	"(*github.com/jackc/pgx/v5/pgxpool.Pool).Begin":   {Opts: none, Fn: none}, // Begin(ctx) (pgx.Tx, error)
	"(*github.com/jackc/pgx/v5/pgxpool.Pool).BeginTx": {Opts: 1, Fn: none},    // BeginTx(ctx, txOptions pgx.TxOptions) (pgx.Tx, error)
	"(*github.com/jackc/pgx/v5/pgxpool.Conn).Begin":   {Opts: none, Fn: none}, // Begin(ctx) (pgx.Tx, error)
	"(*github.com/jackc/pgx/v5/pgxpool.Conn).BeginTx": {Opts: 1, Fn: none},    // BeginTx(ctx, txOptions pgx.TxOptions) (pgx.Tx, error)
	"github.com/jackc/pgx/v5.BeginFunc":               {Opts: none, Fn: 2},    // BeginFunc(ctx, db, fn func(Tx) error) error
	"github.com/jackc/pgx/v5.BeginTxFunc":             {Opts: 2, Fn: 3},       // BeginTxFunc(ctx, db, txOptions TxOptions, fn func(Tx) error) error
}

// optionFields are the fields of the options structs that hold the level.
var optionFields = map[string]bool{
	"Isolation": true, // database/sql.TxOptions
	"IsoLevel":  true, // pgx.TxOptions
}

// sqlLevels maps database/sql.IsolationLevel values to levels. PostgreSQL
// runs READ UNCOMMITTED as READ COMMITTED; the other values are not
// supported by PostgreSQL drivers and stay unknown.
var sqlLevels = map[int64]level{
	0: levelReadCommitted, // LevelDefault: the server default, read committed
	1: levelReadCommitted, // LevelReadUncommitted
	2: levelReadCommitted, // LevelReadCommitted
	4: levelRepeatableRead,
	6: levelSerializable,
}

// pgLevels maps isolation level names (pgx.TxIsoLevel values, and the
// words of BEGIN / SET TRANSACTION ISOLATION LEVEL) to levels.
var pgLevels = map[string]level{
	"":                 levelReadCommitted, // pgx.TxOptions{} leaves the server default
	"read uncommitted": levelReadCommitted,
	"read committed":   levelReadCommitted,
	"repeatable read":  levelRepeatableRead,
	"serializable":     levelSerializable,
}

// noRowsErrors are the sentinel errors a one-row query returns when no row
// matched.
var noRowsErrors = map[string]bool{
	"database/sql.ErrNoRows":            true,
	"github.com/jackc/pgx/v5.ErrNoRows": true,
}

// retryingHelpers run a transaction callback again on serialization
// failures although their name does not say retry.
var retryingHelpers = map[string]bool{
	"github.com/cockroachdb/cockroach-go/v2/crdb.ExecuteTx":           true,
	"github.com/cockroachdb/cockroach-go/v2/crdb/crdbpgx.ExecuteTx":   true,
	"github.com/cockroachdb/cockroach-go/v2/crdb/crdbpgxv5.ExecuteTx": true,
	"github.com/cockroachdb/cockroach-go/v2/crdb/crdbsqlx.ExecuteTx":  true,
}

// serializationFailure is the SQLSTATE of a serialization failure.
const serializationFailure = "40001"

// serializationCheckNames are functions whose call is a check for a
// serialization failure (pgerrcode.IsTransactionRollback covers 40001).
var serializationCheckNames = map[string]bool{
	"github.com/jackc/pgerrcode.IsTransactionRollback": true,
}
