package sqlcall

import "strings"

// This file is the API knowledge of the pass, as data: which functions send
// SQL, which argument holds it, and which functions the text flows through.
// The code reads these tables; it does not hard-code method names.

// none marks an argument index an entry does not have.
const none = -1

// Entry describes one function or method that sends SQL.
type Entry struct {
	Callee string // qualified callee as types.Func.FullName prints it
	API    API
	Kind   Kind
	Recv   Receiver
	// SQL is the index of the SQL argument; none when the SQL comes from
	// the Prepare that made the receiver (Prepared) or there is no SQL. For
	// KindCopyFrom it is the index of the table identifier, and SQL+1 that
	// of the column list.
	SQL   int
	Args  int // index of the first query argument; none when there are none
	Dest  int // index of the scan destination (sqlx Get/Select, GORM); none otherwise
	Style Placeholder
	Flags Flag
	// RecvArg is, for package-level functions that take the queryer as an
	// argument (sqlx.Select(db, ...)), its index; none for methods.
	RecvArg int
}

// Flag qualifies an Entry.
type Flag uint8

const (
	// Prepared: the call executes a prepared statement; its SQL is that of
	// the Prepare that made the receiver.
	Prepared Flag = 1 << iota
	// NamedArg: the one argument at Args binds named placeholders (a
	// struct, a map, or a slice of them).
	NamedArg
)

// Short names keep the table one entry a line.
const (
	dsql  = DatabaseSQL
	pool  = RecvPool
	tx    = RecvTx
	conn  = RecvConn
	stmt  = RecvStmt
	batch = RecvBatch
	unk   = RecvUnknown
	dol   = Dollar
	que   = Question
	col   = NamedColon
	at    = NamedAt
	prep  = Prepared
	named = NamedArg
)

// Table lists every known callee. Order matters only for matching
// interface methods by shape: the first entry with the same name and
// signature wins, so concrete types come before pools.
//
// Columns: callee, API, kind, receiver, SQL index, first argument index,
// destination index, placeholder style, flags, receiver argument index.
var Table = []Entry{
	// database/sql: *DB is a pool, *Tx a transaction, *Conn one connection.
	{"(*database/sql.DB).Query", dsql, KindQuery, pool, 0, 1, none, dol, 0, none},                      // Query(query string, args ...any) (*Rows, error)
	{"(*database/sql.DB).QueryContext", dsql, KindQuery, pool, 1, 2, none, dol, 0, none},               // QueryContext(ctx, query string, args ...any) (*Rows, error)
	{"(*database/sql.DB).QueryRow", dsql, KindQueryRow, pool, 0, 1, none, dol, 0, none},                // QueryRow(query string, args ...any) *Row
	{"(*database/sql.DB).QueryRowContext", dsql, KindQueryRow, pool, 1, 2, none, dol, 0, none},         // QueryRowContext(ctx, query string, args ...any) *Row
	{"(*database/sql.DB).Exec", dsql, KindExec, pool, 0, 1, none, dol, 0, none},                        // Exec(query string, args ...any) (Result, error)
	{"(*database/sql.DB).ExecContext", dsql, KindExec, pool, 1, 2, none, dol, 0, none},                 // ExecContext(ctx, query string, args ...any) (Result, error)
	{"(*database/sql.DB).Prepare", dsql, KindPrepare, pool, 0, none, none, dol, 0, none},               // Prepare(query string) (*Stmt, error)
	{"(*database/sql.DB).PrepareContext", dsql, KindPrepare, pool, 1, none, none, dol, 0, none},        // PrepareContext(ctx, query string) (*Stmt, error)
	{"(*database/sql.Tx).Query", dsql, KindQuery, tx, 0, 1, none, dol, 0, none},                        // Query(query string, args ...any) (*Rows, error)
	{"(*database/sql.Tx).QueryContext", dsql, KindQuery, tx, 1, 2, none, dol, 0, none},                 // QueryContext(ctx, query string, args ...any) (*Rows, error)
	{"(*database/sql.Tx).QueryRow", dsql, KindQueryRow, tx, 0, 1, none, dol, 0, none},                  // QueryRow(query string, args ...any) *Row
	{"(*database/sql.Tx).QueryRowContext", dsql, KindQueryRow, tx, 1, 2, none, dol, 0, none},           // QueryRowContext(ctx, query string, args ...any) *Row
	{"(*database/sql.Tx).Exec", dsql, KindExec, tx, 0, 1, none, dol, 0, none},                          // Exec(query string, args ...any) (Result, error)
	{"(*database/sql.Tx).ExecContext", dsql, KindExec, tx, 1, 2, none, dol, 0, none},                   // ExecContext(ctx, query string, args ...any) (Result, error)
	{"(*database/sql.Tx).Prepare", dsql, KindPrepare, tx, 0, none, none, dol, 0, none},                 // Prepare(query string) (*Stmt, error)
	{"(*database/sql.Tx).PrepareContext", dsql, KindPrepare, tx, 1, none, none, dol, 0, none},          // PrepareContext(ctx, query string) (*Stmt, error)
	{"(*database/sql.Conn).QueryContext", dsql, KindQuery, conn, 1, 2, none, dol, 0, none},             // QueryContext(ctx, query string, args ...any) (*Rows, error)
	{"(*database/sql.Conn).QueryRowContext", dsql, KindQueryRow, conn, 1, 2, none, dol, 0, none},       // QueryRowContext(ctx, query string, args ...any) *Row
	{"(*database/sql.Conn).ExecContext", dsql, KindExec, conn, 1, 2, none, dol, 0, none},               // ExecContext(ctx, query string, args ...any) (Result, error)
	{"(*database/sql.Conn).PrepareContext", dsql, KindPrepare, conn, 1, none, none, dol, 0, none},      // PrepareContext(ctx, query string) (*Stmt, error)
	{"(*database/sql.Stmt).Query", dsql, KindQuery, stmt, none, 0, none, dol, prep, none},              // Query(args ...any) (*Rows, error)
	{"(*database/sql.Stmt).QueryContext", dsql, KindQuery, stmt, none, 1, none, dol, prep, none},       // QueryContext(ctx, args ...any) (*Rows, error)
	{"(*database/sql.Stmt).QueryRow", dsql, KindQueryRow, stmt, none, 0, none, dol, prep, none},        // QueryRow(args ...any) *Row
	{"(*database/sql.Stmt).QueryRowContext", dsql, KindQueryRow, stmt, none, 1, none, dol, prep, none}, // QueryRowContext(ctx, args ...any) *Row
	{"(*database/sql.Stmt).Exec", dsql, KindExec, stmt, none, 0, none, dol, prep, none},                // Exec(args ...any) (Result, error)
	{"(*database/sql.Stmt).ExecContext", dsql, KindExec, stmt, none, 1, none, dol, prep, none},         // ExecContext(ctx, args ...any) (Result, error)

	// pgx v5: *Conn is one connection; Tx is an interface.
	{"(*github.com/jackc/pgx/v5.Conn).Query", Pgx, KindQuery, conn, 1, 2, none, dol, 0, none},               // Query(ctx, sql string, args ...any) (Rows, error)
	{"(*github.com/jackc/pgx/v5.Conn).QueryRow", Pgx, KindQueryRow, conn, 1, 2, none, dol, 0, none},         // QueryRow(ctx, sql string, args ...any) Row
	{"(*github.com/jackc/pgx/v5.Conn).Exec", Pgx, KindExec, conn, 1, 2, none, dol, 0, none},                 // Exec(ctx, sql string, arguments ...any) (pgconn.CommandTag, error)
	{"(*github.com/jackc/pgx/v5.Conn).Prepare", Pgx, KindPrepare, conn, 2, none, none, dol, 0, none},        // Prepare(ctx, name, sql string) (*pgconn.StatementDescription, error)
	{"(*github.com/jackc/pgx/v5.Conn).SendBatch", Pgx, KindSendBatch, conn, none, none, none, dol, 0, none}, // SendBatch(ctx, b *Batch) BatchResults
	{"(*github.com/jackc/pgx/v5.Conn).CopyFrom", Pgx, KindCopyFrom, conn, 1, 3, none, dol, 0, none},         // CopyFrom(ctx, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error)
	{"(github.com/jackc/pgx/v5.Tx).Query", Pgx, KindQuery, tx, 1, 2, none, dol, 0, none},                    // Query(ctx, sql string, args ...any) (Rows, error)
	{"(github.com/jackc/pgx/v5.Tx).QueryRow", Pgx, KindQueryRow, tx, 1, 2, none, dol, 0, none},              // QueryRow(ctx, sql string, args ...any) Row
	{"(github.com/jackc/pgx/v5.Tx).Exec", Pgx, KindExec, tx, 1, 2, none, dol, 0, none},                      // Exec(ctx, sql string, arguments ...any) (pgconn.CommandTag, error)
	{"(github.com/jackc/pgx/v5.Tx).Prepare", Pgx, KindPrepare, tx, 2, none, none, dol, 0, none},             // Prepare(ctx, name, sql string) (*pgconn.StatementDescription, error)
	{"(github.com/jackc/pgx/v5.Tx).SendBatch", Pgx, KindSendBatch, tx, none, none, none, dol, 0, none},      // SendBatch(ctx, b *Batch) BatchResults
	{"(github.com/jackc/pgx/v5.Tx).CopyFrom", Pgx, KindCopyFrom, tx, 1, 3, none, dol, 0, none},              // CopyFrom(ctx, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error)
	{"(*github.com/jackc/pgx/v5.Batch).Queue", Pgx, KindBatchQueue, batch, 0, 1, none, dol, 0, none},        // Queue(query string, arguments ...any) *QueuedQuery

	// pgxpool: *Pool is a pool; *Conn is an acquired connection; *Tx a transaction.
	{"(*github.com/jackc/pgx/v5/pgxpool.Pool).Query", Pgxpool, KindQuery, pool, 1, 2, none, dol, 0, none},               // Query(ctx, sql string, args ...any) (pgx.Rows, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Pool).QueryRow", Pgxpool, KindQueryRow, pool, 1, 2, none, dol, 0, none},         // QueryRow(ctx, sql string, args ...any) pgx.Row
	{"(*github.com/jackc/pgx/v5/pgxpool.Pool).Exec", Pgxpool, KindExec, pool, 1, 2, none, dol, 0, none},                 // Exec(ctx, sql string, arguments ...any) (pgconn.CommandTag, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Pool).SendBatch", Pgxpool, KindSendBatch, pool, none, none, none, dol, 0, none}, // SendBatch(ctx, b *pgx.Batch) pgx.BatchResults
	{"(*github.com/jackc/pgx/v5/pgxpool.Pool).CopyFrom", Pgxpool, KindCopyFrom, pool, 1, 3, none, dol, 0, none},         // CopyFrom(ctx, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Conn).Query", Pgxpool, KindQuery, conn, 1, 2, none, dol, 0, none},               // Query(ctx, sql string, args ...any) (pgx.Rows, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Conn).QueryRow", Pgxpool, KindQueryRow, conn, 1, 2, none, dol, 0, none},         // QueryRow(ctx, sql string, args ...any) pgx.Row
	{"(*github.com/jackc/pgx/v5/pgxpool.Conn).Exec", Pgxpool, KindExec, conn, 1, 2, none, dol, 0, none},                 // Exec(ctx, sql string, arguments ...any) (pgconn.CommandTag, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Conn).SendBatch", Pgxpool, KindSendBatch, conn, none, none, none, dol, 0, none}, // SendBatch(ctx, b *pgx.Batch) pgx.BatchResults
	{"(*github.com/jackc/pgx/v5/pgxpool.Conn).CopyFrom", Pgxpool, KindCopyFrom, conn, 1, 3, none, dol, 0, none},         // CopyFrom(ctx, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Tx).Query", Pgxpool, KindQuery, tx, 1, 2, none, dol, 0, none},                   // Query(ctx, sql string, args ...any) (pgx.Rows, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Tx).QueryRow", Pgxpool, KindQueryRow, tx, 1, 2, none, dol, 0, none},             // QueryRow(ctx, sql string, args ...any) pgx.Row
	{"(*github.com/jackc/pgx/v5/pgxpool.Tx).Exec", Pgxpool, KindExec, tx, 1, 2, none, dol, 0, none},                     // Exec(ctx, sql string, arguments ...any) (pgconn.CommandTag, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Tx).Prepare", Pgxpool, KindPrepare, tx, 2, none, none, dol, 0, none},            // Prepare(ctx, name, sql string) (*pgconn.StatementDescription, error)
	{"(*github.com/jackc/pgx/v5/pgxpool.Tx).SendBatch", Pgxpool, KindSendBatch, tx, none, none, none, dol, 0, none},     // SendBatch(ctx, b *pgx.Batch) pgx.BatchResults
	{"(*github.com/jackc/pgx/v5/pgxpool.Tx).CopyFrom", Pgxpool, KindCopyFrom, tx, 1, 3, none, dol, 0, none},             // CopyFrom(ctx, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)

	// sqlx: DB, Tx and Conn embed their database/sql counterparts, whose
	// promoted methods resolve to the database/sql entries above.
	{"(*github.com/jmoiron/sqlx.DB).Select", Sqlx, KindSelect, pool, 1, 2, 0, dol, 0, none},                                     // Select(dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.DB).SelectContext", Sqlx, KindSelect, pool, 2, 3, 1, dol, 0, none},                              // SelectContext(ctx, dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.DB).Get", Sqlx, KindGet, pool, 1, 2, 0, dol, 0, none},                                           // Get(dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.DB).GetContext", Sqlx, KindGet, pool, 2, 3, 1, dol, 0, none},                                    // GetContext(ctx, dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.DB).Queryx", Sqlx, KindQuery, pool, 0, 1, none, dol, 0, none},                                   // Queryx(query string, args ...any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.DB).QueryxContext", Sqlx, KindQuery, pool, 1, 2, none, dol, 0, none},                            // QueryxContext(ctx, query string, args ...any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.DB).QueryRowx", Sqlx, KindQueryRow, pool, 0, 1, none, dol, 0, none},                             // QueryRowx(query string, args ...any) *Row
	{"(*github.com/jmoiron/sqlx.DB).QueryRowxContext", Sqlx, KindQueryRow, pool, 1, 2, none, dol, 0, none},                      // QueryRowxContext(ctx, query string, args ...any) *Row
	{"(*github.com/jmoiron/sqlx.DB).NamedExec", Sqlx, KindNamedExec, pool, 0, 1, none, col, named, none},                        // NamedExec(query string, arg any) (sql.Result, error)
	{"(*github.com/jmoiron/sqlx.DB).NamedExecContext", Sqlx, KindNamedExec, pool, 1, 2, none, col, named, none},                 // NamedExecContext(ctx, query string, arg any) (sql.Result, error)
	{"(*github.com/jmoiron/sqlx.DB).NamedQuery", Sqlx, KindNamedQuery, pool, 0, 1, none, col, named, none},                      // NamedQuery(query string, arg any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.DB).NamedQueryContext", Sqlx, KindNamedQuery, pool, 1, 2, none, col, named, none},               // NamedQueryContext(ctx, query string, arg any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.DB).MustExec", Sqlx, KindExec, pool, 0, 1, none, dol, 0, none},                                  // MustExec(query string, args ...any) sql.Result
	{"(*github.com/jmoiron/sqlx.DB).MustExecContext", Sqlx, KindExec, pool, 1, 2, none, dol, 0, none},                           // MustExecContext(ctx, query string, args ...any) sql.Result
	{"(*github.com/jmoiron/sqlx.DB).Preparex", Sqlx, KindPrepare, pool, 0, none, none, dol, 0, none},                            // Preparex(query string) (*Stmt, error)
	{"(*github.com/jmoiron/sqlx.DB).PreparexContext", Sqlx, KindPrepare, pool, 1, none, none, dol, 0, none},                     // PreparexContext(ctx, query string) (*Stmt, error)
	{"(*github.com/jmoiron/sqlx.DB).PrepareNamed", Sqlx, KindPrepare, pool, 0, none, none, col, 0, none},                        // PrepareNamed(query string) (*NamedStmt, error)
	{"(*github.com/jmoiron/sqlx.DB).PrepareNamedContext", Sqlx, KindPrepare, pool, 1, none, none, col, 0, none},                 // PrepareNamedContext(ctx, query string) (*NamedStmt, error)
	{"(*github.com/jmoiron/sqlx.Tx).Select", Sqlx, KindSelect, tx, 1, 2, 0, dol, 0, none},                                       // Select(dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.Tx).SelectContext", Sqlx, KindSelect, tx, 2, 3, 1, dol, 0, none},                                // SelectContext(ctx, dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.Tx).Get", Sqlx, KindGet, tx, 1, 2, 0, dol, 0, none},                                             // Get(dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.Tx).GetContext", Sqlx, KindGet, tx, 2, 3, 1, dol, 0, none},                                      // GetContext(ctx, dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.Tx).Queryx", Sqlx, KindQuery, tx, 0, 1, none, dol, 0, none},                                     // Queryx(query string, args ...any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.Tx).QueryxContext", Sqlx, KindQuery, tx, 1, 2, none, dol, 0, none},                              // QueryxContext(ctx, query string, args ...any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.Tx).QueryRowx", Sqlx, KindQueryRow, tx, 0, 1, none, dol, 0, none},                               // QueryRowx(query string, args ...any) *Row
	{"(*github.com/jmoiron/sqlx.Tx).QueryRowxContext", Sqlx, KindQueryRow, tx, 1, 2, none, dol, 0, none},                        // QueryRowxContext(ctx, query string, args ...any) *Row
	{"(*github.com/jmoiron/sqlx.Tx).NamedExec", Sqlx, KindNamedExec, tx, 0, 1, none, col, named, none},                          // NamedExec(query string, arg any) (sql.Result, error)
	{"(*github.com/jmoiron/sqlx.Tx).NamedExecContext", Sqlx, KindNamedExec, tx, 1, 2, none, col, named, none},                   // NamedExecContext(ctx, query string, arg any) (sql.Result, error)
	{"(*github.com/jmoiron/sqlx.Tx).NamedQuery", Sqlx, KindNamedQuery, tx, 0, 1, none, col, named, none},                        // NamedQuery(query string, arg any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.Tx).NamedQueryContext", Sqlx, KindNamedQuery, tx, 1, 2, none, col, named, none},                 // NamedQueryContext(ctx, query string, arg any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.Tx).MustExec", Sqlx, KindExec, tx, 0, 1, none, dol, 0, none},                                    // MustExec(query string, args ...any) sql.Result
	{"(*github.com/jmoiron/sqlx.Tx).MustExecContext", Sqlx, KindExec, tx, 1, 2, none, dol, 0, none},                             // MustExecContext(ctx, query string, args ...any) sql.Result
	{"(*github.com/jmoiron/sqlx.Tx).Preparex", Sqlx, KindPrepare, tx, 0, none, none, dol, 0, none},                              // Preparex(query string) (*Stmt, error)
	{"(*github.com/jmoiron/sqlx.Tx).PreparexContext", Sqlx, KindPrepare, tx, 1, none, none, dol, 0, none},                       // PreparexContext(ctx, query string) (*Stmt, error)
	{"(*github.com/jmoiron/sqlx.Tx).PrepareNamed", Sqlx, KindPrepare, tx, 0, none, none, col, 0, none},                          // PrepareNamed(query string) (*NamedStmt, error)
	{"(*github.com/jmoiron/sqlx.Tx).PrepareNamedContext", Sqlx, KindPrepare, tx, 1, none, none, col, 0, none},                   // PrepareNamedContext(ctx, query string) (*NamedStmt, error)
	{"(*github.com/jmoiron/sqlx.Conn).SelectContext", Sqlx, KindSelect, conn, 2, 3, 1, dol, 0, none},                            // SelectContext(ctx, dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.Conn).GetContext", Sqlx, KindGet, conn, 2, 3, 1, dol, 0, none},                                  // GetContext(ctx, dest any, query string, args ...any) error
	{"(*github.com/jmoiron/sqlx.Conn).QueryxContext", Sqlx, KindQuery, conn, 1, 2, none, dol, 0, none},                          // QueryxContext(ctx, query string, args ...any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.Conn).QueryRowxContext", Sqlx, KindQueryRow, conn, 1, 2, none, dol, 0, none},                    // QueryRowxContext(ctx, query string, args ...any) *Row
	{"(*github.com/jmoiron/sqlx.Conn).PreparexContext", Sqlx, KindPrepare, conn, 1, none, none, dol, 0, none},                   // PreparexContext(ctx, query string) (*Stmt, error)
	{"(*github.com/jmoiron/sqlx.Conn).NamedExecContext", Sqlx, KindNamedExec, conn, 1, 2, none, col, named, none},               // NamedExecContext(ctx, query string, arg any) (sql.Result, error); newer sqlx only
	{"(*github.com/jmoiron/sqlx.Conn).NamedQueryContext", Sqlx, KindNamedQuery, conn, 1, 2, none, col, named, none},             // NamedQueryContext(ctx, query string, arg any) (*Rows, error); newer sqlx only
	{"(*github.com/jmoiron/sqlx.Conn).PrepareNamedContext", Sqlx, KindPrepare, conn, 1, none, none, col, 0, none},               // PrepareNamedContext(ctx, query string) (*NamedStmt, error); newer sqlx only
	{"(*github.com/jmoiron/sqlx.Stmt).Select", Sqlx, KindSelect, stmt, none, 1, 0, dol, prep, none},                             // Select(dest any, args ...any) error
	{"(*github.com/jmoiron/sqlx.Stmt).SelectContext", Sqlx, KindSelect, stmt, none, 2, 1, dol, prep, none},                      // SelectContext(ctx, dest any, args ...any) error
	{"(*github.com/jmoiron/sqlx.Stmt).Get", Sqlx, KindGet, stmt, none, 1, 0, dol, prep, none},                                   // Get(dest any, args ...any) error
	{"(*github.com/jmoiron/sqlx.Stmt).GetContext", Sqlx, KindGet, stmt, none, 2, 1, dol, prep, none},                            // GetContext(ctx, dest any, args ...any) error
	{"(*github.com/jmoiron/sqlx.Stmt).Queryx", Sqlx, KindQuery, stmt, none, 0, none, dol, prep, none},                           // Queryx(args ...any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.Stmt).QueryxContext", Sqlx, KindQuery, stmt, none, 1, none, dol, prep, none},                    // QueryxContext(ctx, args ...any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.Stmt).QueryRowx", Sqlx, KindQueryRow, stmt, none, 0, none, dol, prep, none},                     // QueryRowx(args ...any) *Row
	{"(*github.com/jmoiron/sqlx.Stmt).QueryRowxContext", Sqlx, KindQueryRow, stmt, none, 1, none, dol, prep, none},              // QueryRowxContext(ctx, args ...any) *Row
	{"(*github.com/jmoiron/sqlx.Stmt).MustExec", Sqlx, KindExec, stmt, none, 0, none, dol, prep, none},                          // MustExec(args ...any) sql.Result
	{"(*github.com/jmoiron/sqlx.Stmt).MustExecContext", Sqlx, KindExec, stmt, none, 1, none, dol, prep, none},                   // MustExecContext(ctx, args ...any) sql.Result
	{"(*github.com/jmoiron/sqlx.NamedStmt).Exec", Sqlx, KindNamedExec, stmt, none, 0, none, col, prep | named, none},            // Exec(arg any) (sql.Result, error)
	{"(*github.com/jmoiron/sqlx.NamedStmt).ExecContext", Sqlx, KindNamedExec, stmt, none, 1, none, col, prep | named, none},     // ExecContext(ctx, arg any) (sql.Result, error)
	{"(*github.com/jmoiron/sqlx.NamedStmt).MustExec", Sqlx, KindNamedExec, stmt, none, 0, none, col, prep | named, none},        // MustExec(arg any) sql.Result
	{"(*github.com/jmoiron/sqlx.NamedStmt).MustExecContext", Sqlx, KindNamedExec, stmt, none, 1, none, col, prep | named, none}, // MustExecContext(ctx, arg any) sql.Result
	{"(*github.com/jmoiron/sqlx.NamedStmt).Query", Sqlx, KindNamedQuery, stmt, none, 0, none, col, prep | named, none},          // Query(arg any) (*sql.Rows, error)
	{"(*github.com/jmoiron/sqlx.NamedStmt).QueryContext", Sqlx, KindNamedQuery, stmt, none, 1, none, col, prep | named, none},   // QueryContext(ctx, arg any) (*sql.Rows, error)
	{"(*github.com/jmoiron/sqlx.NamedStmt).Queryx", Sqlx, KindNamedQuery, stmt, none, 0, none, col, prep | named, none},         // Queryx(arg any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.NamedStmt).QueryxContext", Sqlx, KindNamedQuery, stmt, none, 1, none, col, prep | named, none},  // QueryxContext(ctx, arg any) (*Rows, error)
	{"(*github.com/jmoiron/sqlx.NamedStmt).QueryRow", Sqlx, KindQueryRow, stmt, none, 0, none, col, prep | named, none},         // QueryRow(arg any) *Row
	{"(*github.com/jmoiron/sqlx.NamedStmt).QueryRowContext", Sqlx, KindQueryRow, stmt, none, 1, none, col, prep | named, none},  // QueryRowContext(ctx, arg any) *Row
	{"(*github.com/jmoiron/sqlx.NamedStmt).QueryRowx", Sqlx, KindQueryRow, stmt, none, 0, none, col, prep | named, none},        // QueryRowx(arg any) *Row
	{"(*github.com/jmoiron/sqlx.NamedStmt).QueryRowxContext", Sqlx, KindQueryRow, stmt, none, 1, none, col, prep | named, none}, // QueryRowxContext(ctx, arg any) *Row
	{"(*github.com/jmoiron/sqlx.NamedStmt).Select", Sqlx, KindSelect, stmt, none, 1, 0, col, prep | named, none},                // Select(dest any, arg any) error
	{"(*github.com/jmoiron/sqlx.NamedStmt).SelectContext", Sqlx, KindSelect, stmt, none, 2, 1, col, prep | named, none},         // SelectContext(ctx, dest any, arg any) error
	{"(*github.com/jmoiron/sqlx.NamedStmt).Get", Sqlx, KindGet, stmt, none, 1, 0, col, prep | named, none},                      // Get(dest any, arg any) error
	{"(*github.com/jmoiron/sqlx.NamedStmt).GetContext", Sqlx, KindGet, stmt, none, 2, 1, col, prep | named, none},               // GetContext(ctx, dest any, arg any) error
	{"github.com/jmoiron/sqlx.Select", Sqlx, KindSelect, unk, 2, 3, 1, dol, 0, 0},                                               // Select(q Queryer, dest any, query string, args ...any) error
	{"github.com/jmoiron/sqlx.SelectContext", Sqlx, KindSelect, unk, 3, 4, 2, dol, 0, 1},                                        // SelectContext(ctx, q QueryerContext, dest any, query string, args ...any) error
	{"github.com/jmoiron/sqlx.Get", Sqlx, KindGet, unk, 2, 3, 1, dol, 0, 0},                                                     // Get(q Queryer, dest any, query string, args ...any) error
	{"github.com/jmoiron/sqlx.GetContext", Sqlx, KindGet, unk, 3, 4, 2, dol, 0, 1},                                              // GetContext(ctx, q QueryerContext, dest any, query string, args ...any) error
	{"github.com/jmoiron/sqlx.NamedExec", Sqlx, KindNamedExec, unk, 1, 2, none, col, named, 0},                                  // NamedExec(e Ext, query string, arg any) (sql.Result, error)
	{"github.com/jmoiron/sqlx.NamedExecContext", Sqlx, KindNamedExec, unk, 2, 3, none, col, named, 1},                           // NamedExecContext(ctx, e ExtContext, query string, arg any) (sql.Result, error)
	{"github.com/jmoiron/sqlx.NamedQuery", Sqlx, KindNamedQuery, unk, 1, 2, none, col, named, 0},                                // NamedQuery(e Ext, query string, arg any) (*Rows, error)
	{"github.com/jmoiron/sqlx.NamedQueryContext", Sqlx, KindNamedQuery, unk, 2, 3, none, col, named, 1},                         // NamedQueryContext(ctx, e ExtContext, query string, arg any) (*Rows, error)
	{"github.com/jmoiron/sqlx.MustExec", Sqlx, KindExec, unk, 1, 2, none, dol, 0, 0},                                            // MustExec(e Execer, query string, args ...any) sql.Result
	{"github.com/jmoiron/sqlx.MustExecContext", Sqlx, KindExec, unk, 2, 3, none, dol, 0, 1},                                     // MustExecContext(ctx, e ExecerContext, query string, args ...any) sql.Result
	{"github.com/jmoiron/sqlx.Preparex", Sqlx, KindPrepare, unk, 1, none, none, dol, 0, 0},                                      // Preparex(p Preparer, query string) (*Stmt, error)
	{"github.com/jmoiron/sqlx.PreparexContext", Sqlx, KindPrepare, unk, 2, none, none, dol, 0, 1},                               // PreparexContext(ctx, p PreparerContext, query string) (*Stmt, error)
	{"github.com/jmoiron/sqlx.PrepareNamed", Sqlx, KindPrepare, unk, 1, none, none, col, 0, 0},                                  // PrepareNamed(p namedPreparer, query string) (*NamedStmt, error)
	{"github.com/jmoiron/sqlx.PrepareNamedContext", Sqlx, KindPrepare, unk, 2, none, none, col, 0, 1},                           // PrepareNamedContext(ctx, p namedPreparerContext, query string) (*NamedStmt, error)

	// GORM v2: Raw and Exec take whole statements with ? (or @name with a
	// map or struct argument); the receiver may be a session or a
	// transaction, which the type does not say.
	{"(*gorm.io/gorm.DB).Raw", Gorm, KindQuery, unk, 0, 1, none, que, 0, none}, // Raw(sql string, values ...any) *DB
	{"(*gorm.io/gorm.DB).Exec", Gorm, KindExec, unk, 0, 1, none, que, 0, none}, // Exec(sql string, values ...any) *DB
	// Clause builders with a string first argument are SQL fragments.
	{"(*gorm.io/gorm.DB).Where", Gorm, KindFragment, unk, 0, 1, none, que, 0, none},    // Where(query any, args ...any) *DB
	{"(*gorm.io/gorm.DB).Or", Gorm, KindFragment, unk, 0, 1, none, que, 0, none},       // Or(query any, args ...any) *DB
	{"(*gorm.io/gorm.DB).Not", Gorm, KindFragment, unk, 0, 1, none, que, 0, none},      // Not(query any, args ...any) *DB
	{"(*gorm.io/gorm.DB).Order", Gorm, KindFragment, unk, 0, none, none, que, 0, none}, // Order(value any) *DB
	{"(*gorm.io/gorm.DB).Group", Gorm, KindFragment, unk, 0, none, none, que, 0, none}, // Group(name string) *DB
	{"(*gorm.io/gorm.DB).Having", Gorm, KindFragment, unk, 0, 1, none, que, 0, none},   // Having(query any, args ...any) *DB
	{"(*gorm.io/gorm.DB).Joins", Gorm, KindFragment, unk, 0, 1, none, que, 0, none},    // Joins(query string, args ...any) *DB
	{"(*gorm.io/gorm.DB).Select", Gorm, KindFragment, unk, 0, 1, none, que, 0, none},   // Select(query any, args ...any) *DB
	// Finishers run SQL the ORM builds: no text, but a query all the same.
	{"(*gorm.io/gorm.DB).Find", Gorm, KindORM, unk, none, 1, 0, que, 0, none},          // Find(dest any, conds ...any) *DB
	{"(*gorm.io/gorm.DB).First", Gorm, KindORM, unk, none, 1, 0, que, 0, none},         // First(dest any, conds ...any) *DB
	{"(*gorm.io/gorm.DB).Take", Gorm, KindORM, unk, none, 1, 0, que, 0, none},          // Take(dest any, conds ...any) *DB
	{"(*gorm.io/gorm.DB).Last", Gorm, KindORM, unk, none, 1, 0, que, 0, none},          // Last(dest any, conds ...any) *DB
	{"(*gorm.io/gorm.DB).Count", Gorm, KindORM, unk, none, none, none, que, 0, none},   // Count(count *int64) *DB
	{"(*gorm.io/gorm.DB).Pluck", Gorm, KindORM, unk, none, none, 1, que, 0, none},      // Pluck(column string, dest any) *DB
	{"(*gorm.io/gorm.DB).Scan", Gorm, KindORM, unk, none, none, 0, que, 0, none},       // Scan(dest any) *DB
	{"(*gorm.io/gorm.DB).Create", Gorm, KindORM, unk, none, none, none, que, 0, none},  // Create(value any) *DB
	{"(*gorm.io/gorm.DB).Save", Gorm, KindORM, unk, none, none, none, que, 0, none},    // Save(value any) *DB
	{"(*gorm.io/gorm.DB).Update", Gorm, KindORM, unk, none, none, none, que, 0, none},  // Update(column string, value any) *DB
	{"(*gorm.io/gorm.DB).Updates", Gorm, KindORM, unk, none, none, none, que, 0, none}, // Updates(values any) *DB
	{"(*gorm.io/gorm.DB).Delete", Gorm, KindORM, unk, none, 1, none, que, 0, none},     // Delete(value any, conds ...any) *DB
}

// Rewrite describes a function the SQL text flows through: its result 0 is
// the text of argument SQL, in another placeholder style or with its
// arguments expanded. The folder follows it and records Note.
type Rewrite struct {
	SQL   int         // index of the SQL argument
	Note  string      // recorded in Query.Rewrites
	Style Placeholder // the style of the text going in
}

// Rewrites are the pass-through functions, keyed by qualified callee.
var Rewrites = map[string]Rewrite{
	"github.com/jmoiron/sqlx.In":              {0, "sqlx.In", Question},          // In(query string, args ...any) (string, []any, error): expands slices in IN (?)
	"github.com/jmoiron/sqlx.Rebind":          {1, "sqlx.Rebind", Question},      // Rebind(bindType int, query string) string: ? to the driver's style
	"(*github.com/jmoiron/sqlx.DB).Rebind":    {0, "sqlx.Rebind", Question},      // Rebind(query string) string
	"(*github.com/jmoiron/sqlx.Tx).Rebind":    {0, "sqlx.Rebind", Question},      // Rebind(query string) string
	"(*github.com/jmoiron/sqlx.Conn).Rebind":  {0, "sqlx.Rebind", Question},      // Rebind(query string) string
	"github.com/jmoiron/sqlx.Named":           {0, "sqlx.Named", NamedColon},     // Named(query string, arg any) (string, []any, error): :name to ?
	"(*github.com/jmoiron/sqlx.DB).BindNamed": {0, "sqlx.BindNamed", NamedColon}, // BindNamed(query string, arg any) (string, []any, error)
	"(*github.com/jmoiron/sqlx.Tx).BindNamed": {0, "sqlx.BindNamed", NamedColon}, // BindNamed(query string, arg any) (string, []any, error)
}

// StmtRebinds are functions that return a prepared statement bound to a
// transaction: the statement keeps the SQL of argument index Stmt.
var StmtRebinds = map[string]int{
	"(*database/sql.Tx).Stmt":                        0, // Stmt(stmt *Stmt) *Stmt
	"(*database/sql.Tx).StmtContext":                 1, // StmtContext(ctx, stmt *Stmt) *Stmt
	"(*github.com/jmoiron/sqlx.Tx).Stmtx":            0, // Stmtx(stmt any) *Stmt
	"(*github.com/jmoiron/sqlx.Tx).StmtxContext":     1, // StmtxContext(ctx, stmt any) *Stmt
	"(*github.com/jmoiron/sqlx.Tx).NamedStmt":        0, // NamedStmt(stmt *NamedStmt) *NamedStmt
	"(*github.com/jmoiron/sqlx.Tx).NamedStmtContext": 1, // NamedStmtContext(ctx, stmt *NamedStmt) *NamedStmt
}

// ReceiverTypes classify the queryer argument of package-level functions
// (sqlx.Select(db, ...)) by its static type.
var ReceiverTypes = map[string]Receiver{
	"*database/sql.DB":                      RecvPool,
	"*database/sql.Tx":                      RecvTx,
	"*database/sql.Conn":                    RecvConn,
	"*github.com/jmoiron/sqlx.DB":           RecvPool,
	"*github.com/jmoiron/sqlx.Tx":           RecvTx,
	"*github.com/jmoiron/sqlx.Conn":         RecvConn,
	"*github.com/jackc/pgx/v5.Conn":         RecvConn,
	"github.com/jackc/pgx/v5.Tx":            RecvTx,
	"*github.com/jackc/pgx/v5/pgxpool.Pool": RecvPool,
	"*github.com/jackc/pgx/v5/pgxpool.Conn": RecvConn,
	"*github.com/jackc/pgx/v5/pgxpool.Tx":   RecvTx,
}

// PgxOptionTypes are argument types pgx consumes before the query
// arguments (Conn.Query's option loop); they are not placeholders' values.
var PgxOptionTypes = map[string]bool{
	"github.com/jackc/pgx/v5.QueryExecMode":           true,
	"github.com/jackc/pgx/v5.QueryResultFormats":      true,
	"github.com/jackc/pgx/v5.QueryResultFormatsByOID": true,
}

// PgxNamedArgTypes bind @name placeholders when passed as the first query
// argument (they implement pgx.QueryRewriter).
var PgxNamedArgTypes = map[string]bool{
	"github.com/jackc/pgx/v5.NamedArgs":       true,
	"github.com/jackc/pgx/v5.StrictNamedArgs": true,
}

// GormNamedArgTypes bind @name placeholders in GORM (besides maps and structs).
var GormNamedArgTypes = map[string]bool{
	"database/sql.NamedArg": true,
}

// RowScanMethods are methods of a row or rows value that read columns, and
// the Scan.Via they give.
var RowScanMethods = map[string]string{
	"Scan":       ViaScan,       // (*sql.Row).Scan, (*sql.Rows).Scan, pgx Row/Rows Scan, sqlx Row/Rows Scan: one target per column
	"StructScan": ViaStructScan, // (*sqlx.Row).StructScan, (*sqlx.Rows).StructScan: one struct, by name
}

// Collector is a pgx function that reads a Rows value.
type Collector struct {
	Rows    int // index of the Rows argument
	Fn      int // index of the RowToFunc argument; none when Targets is used
	Targets int // index of a []any of scan targets; none otherwise
}

// Collectors are pgx's row-collecting helpers.
var Collectors = map[string]Collector{
	"github.com/jackc/pgx/v5.CollectRows":          {0, 1, none}, // CollectRows[T](rows Rows, fn RowToFunc[T]) ([]T, error)
	"github.com/jackc/pgx/v5.CollectOneRow":        {0, 1, none}, // CollectOneRow[T](rows Rows, fn RowToFunc[T]) (T, error)
	"github.com/jackc/pgx/v5.CollectExactlyOneRow": {0, 1, none}, // CollectExactlyOneRow[T](rows Rows, fn RowToFunc[T]) (T, error)
	"github.com/jackc/pgx/v5.AppendRows":           {1, 2, none}, // AppendRows[T, S](slice S, rows Rows, fn RowToFunc[T]) (S, error)
	"github.com/jackc/pgx/v5.ForEachRow":           {0, none, 1}, // ForEachRow(rows Rows, scans []any, fn func() error) (pgconn.CommandTag, error)
}

// RowToFuncs are pgx's RowToFunc implementations: how each maps columns.
// "name": struct fields by name; "pos": struct fields by position;
// "value": one column into T; "map": any columns.
var RowToFuncs = map[string]string{
	"github.com/jackc/pgx/v5.RowToStructByName":          "name",  // RowToStructByName[T]: T's fields by db tag or name
	"github.com/jackc/pgx/v5.RowToStructByNameLax":       "name",  // RowToStructByNameLax[T]: as ByName, missing columns allowed
	"github.com/jackc/pgx/v5.RowToAddrOfStructByName":    "name",  // RowToAddrOfStructByName[T]
	"github.com/jackc/pgx/v5.RowToAddrOfStructByNameLax": "name",  // RowToAddrOfStructByNameLax[T]
	"github.com/jackc/pgx/v5.RowToStructByPos":           "pos",   // RowToStructByPos[T]: T's fields in order
	"github.com/jackc/pgx/v5.RowToAddrOfStructByPos":     "pos",   // RowToAddrOfStructByPos[T]
	"github.com/jackc/pgx/v5.RowTo":                      "value", // RowTo[T]: one column
	"github.com/jackc/pgx/v5.RowToAddrOf":                "value", // RowToAddrOf[T]: one column
	"github.com/jackc/pgx/v5.RowToMap":                   "map",   // RowToMap: any columns
}

// apiPackages are the libraries the tables describe.
var apiPackages = []string{
	"database/sql",
	"github.com/jackc/pgx/v5",
	"github.com/jmoiron/sqlx",
	"gorm.io/gorm",
}

var byCallee = func() map[string]*Entry {
	m := make(map[string]*Entry, len(Table))
	for i := range Table {
		m[Table[i].Callee] = &Table[i]
	}
	return m
}()

// Lookup returns the entry for a qualified callee.
func Lookup(callee string) (*Entry, bool) {
	e, ok := byCallee[callee]
	return e, ok
}

// splitCallee splits "(*path.Type).Method" into its parts.
func splitCallee(callee string) (path, typ, method string, ptr, ok bool) {
	if !strings.HasPrefix(callee, "(") {
		return "", "", "", false, false
	}
	end := strings.Index(callee, ").")
	if end < 0 {
		return "", "", "", false, false
	}
	recv, method := callee[1:end], callee[end+2:]
	if strings.HasPrefix(recv, "*") {
		ptr, recv = true, recv[1:]
	}
	dot := strings.LastIndexByte(recv, '.')
	if dot < 0 {
		return "", "", "", false, false
	}
	return recv[:dot], recv[dot+1:], method, ptr, true
}
