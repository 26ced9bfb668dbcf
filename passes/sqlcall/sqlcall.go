package sqlcall

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Analyzer finds every call that sends SQL. It never reports; consumers
// read its *Result through Requires.
//
// It does not require inspect.Analyzer: dbfacts and poolmisuse, which
// carry facts, require this pass, so it runs on every dependency of the
// module in go vet's fact-only processes, the standard library included.
// The inspector is built only for packages that reach a database library
// (Result.Inspector), so those dependencies cost nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "sqlcall",
	Doc:        doc,
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run:        run,
}

// DynPrefix starts the identifier that stands in the query text for a part
// only known at run time: __dblint_dyn_0__, __dblint_dyn_1__, ...
const DynPrefix = "__dblint_dyn_"

// API names the library a call belongs to.
type API string

const (
	DatabaseSQL API = "database/sql"
	Pgx         API = "pgx"
	Pgxpool     API = "pgxpool"
	Sqlx        API = "sqlx"
	Gorm        API = "gorm"
)

// Kind says what a call does with its SQL.
type Kind string

const (
	KindQuery      Kind = "query"       // returns rows
	KindQueryRow   Kind = "query-row"   // returns one row
	KindExec       Kind = "exec"        // returns a command tag / sql.Result
	KindPrepare    Kind = "prepare"     // prepares a statement for later calls
	KindBatchQueue Kind = "batch-queue" // queues a query on a pgx.Batch
	KindSendBatch  Kind = "send-batch"  // sends a pgx.Batch; no SQL of its own
	KindCopyFrom   Kind = "copy-from"   // COPY ... FROM STDIN through pgx; the query is synthesised
	KindSelect     Kind = "select"      // sqlx Select: rows into a slice
	KindGet        Kind = "get"         // sqlx Get: one row into a destination
	KindNamedExec  Kind = "named-exec"  // sqlx NamedExec: :name placeholders bound from one argument
	KindNamedQuery Kind = "named-query" // sqlx NamedQuery
	KindFragment   Kind = "fragment"    // a piece of SQL (GORM Where, Order, ...); never parsed
	KindORM        Kind = "orm"         // a GORM finisher: runs SQL the ORM builds; no text
)

// AnySQL reports whether the package has a call that sends SQL text or
// builds it (GORM): the packages for which the schema is worth loading.
func (r *Result) AnySQL() bool {
	if r == nil {
		return false
	}
	for _, c := range r.Calls {
		if len(c.Queries) > 0 || c.API == Gorm {
			return true
		}
	}
	return false
}

// HasSQL reports whether calls of kind k carry SQL text of their own (or of
// their Prepare). Calls of other kinds are never counted as unresolved.
func (k Kind) HasSQL() bool { return k != KindORM && k != KindSendBatch }

// Receiver is what a call runs on.
type Receiver string

const (
	RecvPool    Receiver = "pool"  // *sql.DB, *pgxpool.Pool, *sqlx.DB: may use a different connection per call
	RecvTx      Receiver = "tx"    // a transaction
	RecvConn    Receiver = "conn"  // one connection
	RecvStmt    Receiver = "stmt"  // a prepared statement
	RecvBatch   Receiver = "batch" // a pgx.Batch
	RecvUnknown Receiver = "unknown"
)

// Placeholder is the parameter syntax the text uses.
type Placeholder string

const (
	Dollar     Placeholder = "dollar"      // $1, $2 (PostgreSQL's own)
	Question   Placeholder = "question"    // ? (sqlx.In, Rebind, GORM)
	NamedColon Placeholder = "named-colon" // :name (sqlx named queries)
	NamedAt    Placeholder = "named-at"    // @name (pgx.NamedArgs, GORM with a map or struct)
)

// HoleKind says how a dynamic part entered the text.
type HoleKind string

const (
	HoleSprintf HoleKind = "sprintf-verb" // a fmt.Sprintf verb whose argument is not constant
	HoleConcat  HoleKind = "concat"       // a non-constant operand of +
	HoleJoin    HoleKind = "join"         // a non-constant element of strings.Join
)

// Hole is a part of a query text only known at run time. In Query.Text it
// is the identifier Marker, so the text still parses in most positions.
type Hole struct {
	Marker string   // DynPrefix + N + "__"
	Offset int      // byte offset of Marker in Query.Text
	Expr   ast.Expr // the Go expression that fills the hole
	Kind   HoleKind
	Verb   string // HoleSprintf: the verb as written, e.g. "%d", "%-10s"
}

// Query is one possible text of a call's SQL. A call has several when a
// local is assigned different constants in the branches of an if or switch.
type Query struct {
	// Text is the SQL as the program sends it, dynamic parts replaced by
	// hole markers. Placeholders are in the call's style (Call.Placeholders).
	Text string
	// Parsed is the text given to the parser: Text with ?, :name and @name
	// placeholders rewritten to $1, $2, ... (equal to Text for dollar
	// style). Parse-tree locations are offsets in Parsed; TextOffset maps
	// them back.
	Parsed string
	// Named lists the placeholder names of named styles in order of first
	// use: Named[i] is bound to $(i+1) in Parsed.
	Named   []string
	Dynamic bool // len(Holes) > 0
	Holes   []Hole

	Stmt       *pgsql.Statement  // the first statement; nil if the text did not parse or was not parsed
	Statements []pgsql.Statement // every statement (Exec may send several)
	ParseErr   error             // *pgsql.Error when the text does not parse

	Name string // sqlc query name from "-- name: GetUser :one"
	Cmd  string // sqlc command: ":one", ":many", ":exec", ...

	// Lit is the string literal that is the whole text, so diagnostics can
	// point inside it; nil when the text was assembled.
	Lit *ast.BasicLit
	// Rewrites lists the pass-through functions the text flowed through,
	// innermost first: "sqlx.In" (slice arguments expanded: the argument
	// count is only known at run time), "sqlx.Rebind", "sqlx.Named".
	Rewrites []string
	// Synthetic is set when dblint wrote the text (CopyFrom's COPY).
	Synthetic bool

	spans   []span
	edits   []edit
	callPos token.Pos
}

// Scan is where a call's result rows go, when visible in the same function.
type Scan struct {
	Call    *ast.CallExpr // the Scan / CollectRows / Get call (the call itself for sqlx and GORM destinations)
	Targets []ast.Expr    // Scan arguments, or the destination expression
	// Types are the column types expected, in order: the pointed-to types of
	// Scan targets, or the fields of the struct scanned into.
	Types []types.Type
	// Names are the column names a by-name scan matches (struct scans only;
	// compare case-insensitively).
	Names    []string
	Struct   types.Type // the struct scanned into (RowToStructBy*, StructScan, sqlx/GORM destinations)
	Ellipsis bool       // rows.Scan(dest...): Targets is the one spread slice
	Pos      token.Pos
	// Via says how: ViaScan, ViaStructScan, ViaForEachRow, ViaSqlxDest,
	// ViaGormDest, or the name of the pgx RowToFunc ("RowToStructByName",
	// "RowToStructByPos", "RowTo", "RowToAddrOfStructByName", ...).
	Via string
}

// Scan.Via values besides pgx RowToFunc names.
const (
	ViaScan       = "scan"       // row.Scan(&a, &b): one target per column, in order
	ViaStructScan = "StructScan" // sqlx (*Row).StructScan / (*Rows).StructScan: struct fields by name
	ViaForEachRow = "ForEachRow" // pgx.ForEachRow(rows, []any{&a, &b}, fn)
	ViaSqlxDest   = "sqlx-dest"  // sqlx Get/Select destination
	ViaGormDest   = "gorm-dest"  // GORM Find/First/Scan/... destination
)

// Call is one call that sends SQL (or, for GORM, builds it).
type Call struct {
	Expr         *ast.CallExpr
	Callee       *types.Func
	API          API
	Kind         Kind
	Receiver     Receiver
	Recv         ast.Expr // the receiver (or the queryer argument of a sqlx package function); nil for none
	SQL          ast.Expr // the SQL argument; nil when the SQL comes from a Prepare or is synthesised
	Queries      []Query  // resolved texts; empty when unresolved
	Args         []ast.Expr
	Ellipsis     bool       // the last of Args is spread with ...
	Options      []ast.Expr // pgx QueryExecMode / QueryResultFormats arguments skipped before Args
	Placeholders Placeholder
	// NamedArgKeys are the keys of a pgx.NamedArgs or map literal bound to
	// named placeholders, when visible.
	NamedArgKeys []string
	// NamedStruct is the struct bound to named placeholders (sqlx named
	// calls, GORM @name with a struct).
	NamedStruct types.Type
	Scan        *Scan
	Generated   bool     // the file is generated code (sqlc, ent)
	Func        ast.Node // the enclosing *ast.FuncDecl or *ast.FuncLit; nil at package level
	// Interface is set when the callee is a method of a user interface
	// (sqlc's DBTX) classified by its name and signature.
	Interface bool
	// Prepared is the Prepare call whose SQL a statement execution reuses,
	// or the pgx Prepare whose name the call passes instead of SQL.
	Prepared     *Call
	PreparedName string // pgx: the prepared statement name used as SQL
	CopyTable    []string
	CopyColumns  []string
	// OtherDatabase names the database engine other than PostgreSQL the
	// call is taken to talk to ("mysql", "sqlite", ...), "" for
	// PostgreSQL (see otherdb.go). The analyzers about SQL text and
	// schema skip such calls; resource and injection checks do not.
	OtherDatabase string
}

// Stats counts what the pass saw, for -stats.
type Stats struct {
	Found      int // calls returned
	Resolved   int // calls with at least one query text
	Unresolved int // calls that send SQL whose text could not be resolved
	Parsed     int // resolved calls whose every query parsed
}

// Add adds o's counts to s (for totals over packages).
func (s *Stats) Add(o Stats) {
	s.Found += o.Found
	s.Resolved += o.Resolved
	s.Unresolved += o.Unresolved
	s.Parsed += o.Parsed
}

// Result is what the pass returns.
type Result struct {
	Calls  []*Call
	ByExpr map[*ast.CallExpr]*Call
	Stats  Stats

	files  []*ast.File
	inOnce sync.Once
	in     *inspector.Inspector
}

// Inspector returns an inspector over the package's files, built on first
// use and shared by the analyzers that read this Result: they take it
// from here instead of requiring inspect.Analyzer, which would run on
// every dependency (see Analyzer).
func (r *Result) Inspector() *inspector.Inspector {
	r.inOnce.Do(func() { r.in = inspector.New(r.files) })
	return r.in
}

func run(pass *analysis.Pass) (res any, err error) {
	return analyze(pass.Fset, pass.Pkg, pass.TypesInfo, pass.Files), nil
}

// analyze is the pass without the analysis.Pass, for tests and fuzzing.
func analyze(fset *token.FileSet, pkg *types.Package, info *types.Info, files []*ast.File) *Result {
	res := &Result{ByExpr: make(map[*ast.CallExpr]*Call), files: files}
	if IsAPIPackage(pkg.Path()) || !ImportsAPI(pkg) {
		return res
	}
	a := newPkgState(fset, pkg, info, files, res.Inspector())
	a.collect()
	a.buildCalls(res)
	return res
}

// IsAPIPackage reports whether path is (inside) one of the libraries the
// table describes: their own calls are not the user's SQL.
func IsAPIPackage(path string) bool {
	for _, p := range apiPackages {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// ImportsAPI reports whether pkg depends, directly or not, on a library
// the table describes; a package that does not cannot send SQL through it
// (nor hold its rows, transactions or connections).
func ImportsAPI(pkg *types.Package) bool {
	seen := make(map[*types.Package]bool)
	var walk func(p *types.Package) bool
	walk = func(p *types.Package) bool {
		for _, imp := range p.Imports() {
			if seen[imp] {
				continue
			}
			seen[imp] = true
			if IsAPIPackage(imp.Path()) || walk(imp) {
				return true
			}
		}
		return false
	}
	return walk(pkg)
}
