package poolmisuse

// This file is the analyzer's API knowledge, as data: which types are
// resources that must be released and how, which library functions take
// ownership of them, which calls open pools, and the Context variants of
// database/sql and sqlx methods. The checks read these tables.

// kind is what a resource is.
type kind uint8

const (
	kindRows  kind = iota + 1 // result rows: Close, or Next until false
	kindBatch                 // pgx.BatchResults: Close
	kindStmt                  // a prepared statement: Close
	kindTx                    // a transaction: Commit or Rollback
	kindConn                  // a connection taken from a pool: Release / Close
)

// resourceType describes a type whose values must be released.
type resourceType struct {
	kind    kind
	release []string // methods that release it
	// pgx: the rows close themselves when Scan fails (pgx.Rows), as
	// well as when Next returns false.
	pgx bool
}

// resourceTypes are keyed by types.TypeString of the value's type.
var resourceTypes = map[string]resourceType{
	"*database/sql.Rows":                    {kindRows, []string{"Close"}, false},
	"*github.com/jmoiron/sqlx.Rows":         {kindRows, []string{"Close"}, false},
	"github.com/jackc/pgx/v5.Rows":          {kindRows, []string{"Close"}, true},
	"github.com/jackc/pgx/v5.BatchResults":  {kindBatch, []string{"Close"}, false},
	"*database/sql.Stmt":                    {kindStmt, []string{"Close"}, false},
	"*github.com/jmoiron/sqlx.Stmt":         {kindStmt, []string{"Close"}, false},
	"*github.com/jmoiron/sqlx.NamedStmt":    {kindStmt, []string{"Close"}, false},
	"*database/sql.Tx":                      {kindTx, []string{"Commit", "Rollback"}, false},
	"*github.com/jmoiron/sqlx.Tx":           {kindTx, []string{"Commit", "Rollback"}, false},
	"github.com/jackc/pgx/v5.Tx":            {kindTx, []string{"Commit", "Rollback"}, true},
	"*github.com/jackc/pgx/v5/pgxpool.Tx":   {kindTx, []string{"Commit", "Rollback"}, true},
	"*database/sql.Conn":                    {kindConn, []string{"Close"}, false},
	"*github.com/jmoiron/sqlx.Conn":         {kindConn, []string{"Close"}, false},
	"*github.com/jackc/pgx/v5/pgxpool.Conn": {kindConn, []string{"Release"}, true},
}

// transferMethods hand the resource to something else: after them the
// caller no longer owns it (pgxpool's Hijack takes the connection out of
// the pool for good).
var transferMethods = map[string]bool{
	"Hijack": true,
}

// producerOverrides are library calls whose result is a resource although
// its type does not say so (GORM's Begin returns the same *gorm.DB type
// as the pool).
var producerOverrides = map[string]resourceType{
	"(*gorm.io/gorm.DB).Begin": {kindTx, []string{"Commit", "Rollback"}, false},
}

// notOwned are library calls whose resource result the caller does not
// own: a statement bound to a transaction is closed with the
// transaction, and a pgx nested transaction (a savepoint) ends with the
// outer one, whose Commit or Rollback covers it.
var notOwned = map[string]bool{
	"(github.com/jackc/pgx/v5.Tx).Begin":             true, // Begin(ctx) (Tx, error): SAVEPOINT
	"(*github.com/jackc/pgx/v5/pgxpool.Tx).Begin":    true, // Begin(ctx) (pgx.Tx, error): SAVEPOINT
	"(*database/sql.Tx).Stmt":                        true, // Stmt(stmt *Stmt) *Stmt
	"(*database/sql.Tx).StmtContext":                 true, // StmtContext(ctx, stmt *Stmt) *Stmt
	"(*github.com/jmoiron/sqlx.Tx).Stmtx":            true, // Stmtx(stmt any) *Stmt
	"(*github.com/jmoiron/sqlx.Tx).StmtxContext":     true, // StmtxContext(ctx, stmt any) *Stmt
	"(*github.com/jmoiron/sqlx.Tx).NamedStmt":        true, // NamedStmt(stmt *NamedStmt) *NamedStmt
	"(*github.com/jmoiron/sqlx.Tx).NamedStmtContext": true, // NamedStmtContext(ctx, stmt *NamedStmt) *NamedStmt
}

// argUse says what a library function does with a resource argument.
type argUse uint8

const (
	argCloses  argUse = iota + 1 // reads to the end and closes it
	argBorrows                   // reads from it; the caller still owns it
)

// libraryArgs are library functions that take a resource argument,
// keyed by qualified name, with what they do to it (any argument).
var libraryArgs = map[string]argUse{
	"github.com/jackc/pgx/v5.CollectRows":                argCloses,  // CollectRows(rows, fn): reads every row, closes
	"github.com/jackc/pgx/v5.CollectOneRow":              argCloses,  // CollectOneRow(rows, fn): closes
	"github.com/jackc/pgx/v5.CollectExactlyOneRow":       argCloses,  // CollectExactlyOneRow(rows, fn): closes
	"github.com/jackc/pgx/v5.AppendRows":                 argCloses,  // AppendRows(slice, rows, fn): closes
	"github.com/jackc/pgx/v5.ForEachRow":                 argCloses,  // ForEachRow(rows, scans, fn): closes
	"github.com/jmoiron/sqlx.StructScan":                 argCloses,  // StructScan(rows, dest): scans all rows, closes
	"github.com/jackc/pgx/v5.RowToMap":                   argBorrows, // RowToFuncs read the current row only
	"github.com/jackc/pgx/v5.RowTo":                      argBorrows,
	"github.com/jackc/pgx/v5.RowToAddrOf":                argBorrows,
	"github.com/jackc/pgx/v5.RowToStructByName":          argBorrows,
	"github.com/jackc/pgx/v5.RowToStructByNameLax":       argBorrows,
	"github.com/jackc/pgx/v5.RowToAddrOfStructByName":    argBorrows,
	"github.com/jackc/pgx/v5.RowToAddrOfStructByNameLax": argBorrows,
	"github.com/jackc/pgx/v5.RowToStructByPos":           argBorrows,
	"github.com/jackc/pgx/v5.RowToAddrOfStructByPos":     argBorrows,
	"github.com/jmoiron/sqlx.MapScan":                    argBorrows, // MapScan(r ColScanner, dest): current row
	"github.com/jmoiron/sqlx.SliceScan":                  argBorrows, // SliceScan(r ColScanner): current row
}

// scanMethods read a row: calling one on a QueryRow result releases it.
var scanMethods = map[string]bool{
	"Scan":       true, // (*sql.Row).Scan, pgx.Row.Scan, (*sqlx.Row).Scan
	"StructScan": true, // (*sqlx.Row).StructScan
	"MapScan":    true, // (*sqlx.Row).MapScan
	"SliceScan":  true, // (*sqlx.Row).SliceScan
}

// poolOpener describes a function that opens a connection pool (or a
// connection).
type poolOpener struct {
	what string // "connection pool" or "connection"
	// sqlDB: the result is a *sql.DB (or wraps one): database/sql's
	// pool has no limit on open connections unless SetMaxOpenConns.
	sqlDB bool
	// dsn is the index of the connection string argument; -1 when none.
	dsn int
	// driver is the index of the driver name argument; -1 when none.
	driver int
	// pgxConfig: the index of a pgx config argument; -1 when none.
	pgxConfig int
}

// poolOpeners are keyed by qualified function name.
var poolOpeners = map[string]poolOpener{
	"database/sql.Open":                             {"connection pool", true, 1, 0, -1},    // Open(driverName, dataSourceName string) (*DB, error)
	"database/sql.OpenDB":                           {"connection pool", true, -1, -1, -1},  // OpenDB(c driver.Connector) *DB
	"github.com/jmoiron/sqlx.Open":                  {"connection pool", true, 1, 0, -1},    // Open(driverName, dataSourceName string) (*DB, error)
	"github.com/jmoiron/sqlx.Connect":               {"connection pool", true, 1, 0, -1},    // Connect(driverName, dataSourceName string) (*DB, error)
	"github.com/jmoiron/sqlx.ConnectContext":        {"connection pool", true, 2, 1, -1},    // ConnectContext(ctx, driverName, dataSourceName string) (*DB, error)
	"github.com/jmoiron/sqlx.MustOpen":              {"connection pool", true, 1, 0, -1},    // MustOpen(driverName, dataSourceName string) *DB
	"github.com/jmoiron/sqlx.MustConnect":           {"connection pool", true, 1, 0, -1},    // MustConnect(driverName, dataSourceName string) *DB
	"github.com/jackc/pgx/v5/pgxpool.New":           {"connection pool", false, 1, -1, -1},  // New(ctx, connString string) (*Pool, error)
	"github.com/jackc/pgx/v5/pgxpool.NewWithConfig": {"connection pool", false, -1, -1, 1},  // NewWithConfig(ctx, config *Config) (*Pool, error)
	"github.com/jackc/pgx/v5.Connect":               {"connection", false, 1, -1, -1},       // Connect(ctx, connString string) (*Conn, error)
	"github.com/jackc/pgx/v5.ConnectConfig":         {"connection", false, -1, -1, 1},       // ConnectConfig(ctx, connConfig *ConnConfig) (*Conn, error)
	"gorm.io/gorm.Open":                             {"connection pool", false, -1, -1, -1}, // Open(dialector Dialector, opts ...Option) (*DB, error)
}

// pgxDrivers are database/sql driver names registered by pgx's stdlib
// package, which runs queries in pgx's default (cached statement) mode.
var pgxDrivers = map[string]bool{"pgx": true, "pgx/v5": true}

// pgxConfigParsers return a pgx configuration, and where its
// DefaultQueryExecMode field lives below it.
var pgxConfigParsers = map[string][]string{
	"github.com/jackc/pgx/v5/pgxpool.ParseConfig": {"ConnConfig", "DefaultQueryExecMode"}, // ParseConfig(connString string) (*Config, error)
	"github.com/jackc/pgx/v5.ParseConfig":         {"DefaultQueryExecMode"},               // ParseConfig(connString string) (*ConnConfig, error)
}

// pgxCachedStatementModes are QueryExecMode constants that prepare named
// statements on the server.
var pgxCachedStatementModes = map[string]bool{
	"QueryExecModeCacheStatement": true,
}

// ctxVariant names the Context variant of a method or function.
type ctxVariant struct {
	name string
	// extra arguments inserted after ctx (BeginTx's options).
	extra string
}

// contextVariants are database/sql and sqlx methods that have a variant
// taking a context.Context first, keyed by package path and method name.
// The fix is offered only when the receiver's type has the variant.
var contextVariants = map[string]map[string]ctxVariant{
	"database/sql": {
		"Query":    {"QueryContext", ""},
		"QueryRow": {"QueryRowContext", ""},
		"Exec":     {"ExecContext", ""},
		"Prepare":  {"PrepareContext", ""},
		"Ping":     {"PingContext", ""},
		"Begin":    {"BeginTx", "nil"},
	},
	"github.com/jmoiron/sqlx": {
		"Select":       {"SelectContext", ""},
		"Get":          {"GetContext", ""},
		"Queryx":       {"QueryxContext", ""},
		"QueryRowx":    {"QueryRowxContext", ""},
		"NamedExec":    {"NamedExecContext", ""},
		"NamedQuery":   {"NamedQueryContext", ""},
		"MustExec":     {"MustExecContext", ""},
		"Preparex":     {"PreparexContext", ""},
		"PrepareNamed": {"PrepareNamedContext", ""},
		"Beginx":       {"BeginTxx", "nil"},
		"MustBegin":    {"MustBeginTx", "nil"},
		"Exec":         {"ExecContext", ""},     // NamedStmt
		"Query":        {"QueryContext", ""},    // NamedStmt
		"QueryRow":     {"QueryRowContext", ""}, // NamedStmt
	},
}

// contextFuncVariants are package-level sqlx functions with a Context
// variant taking ctx first.
var contextFuncVariants = map[string]string{
	"github.com/jmoiron/sqlx.Select":       "SelectContext",
	"github.com/jmoiron/sqlx.Get":          "GetContext",
	"github.com/jmoiron/sqlx.NamedExec":    "NamedExecContext",
	"github.com/jmoiron/sqlx.NamedQuery":   "NamedQueryContext",
	"github.com/jmoiron/sqlx.MustExec":     "MustExecContext",
	"github.com/jmoiron/sqlx.Preparex":     "PreparexContext",
	"github.com/jmoiron/sqlx.PrepareNamed": "PrepareNamedContext",
}

// execVariants replace a query method whose rows nobody reads.
var execVariants = map[string]string{
	"Query":             "Exec",
	"QueryContext":      "ExecContext",
	"Queryx":            "Exec",
	"QueryxContext":     "ExecContext",
	"NamedQuery":        "NamedExec",
	"NamedQueryContext": "NamedExecContext",
	"QueryRow":          "Exec",
	"QueryRowContext":   "ExecContext",
	"QueryRowx":         "Exec",
	"QueryRowxContext":  "ExecContext",
}
