package migrations

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Analyzer finds the goose Go migrations a package registers. It never
// reports; consumers read its *Result through Requires.
var Analyzer = &analysis.Analyzer{
	Name:       "migrations",
	Doc:        doc,
	Requires:   []*analysis.Analyzer{sqlcall.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run:        run,
}

// FormatGooseGo is the Migration.Format of goose Go migrations.
const FormatGooseGo = "goose-go"

// goosePath is the import path of goose v3.
const goosePath = "github.com/pressly/goose/v3"

// registrar describes one goose function that registers a Go migration.
type registrar struct {
	named bool // the first argument is the file name the version comes from
	noTx  bool // the functions run on *sql.DB, outside a transaction
}

// registrars are goose v3's registration functions (register.go). The up
// and down functions follow the file name argument when there is one.
var registrars = map[string]registrar{
	"AddMigrationContext":          {},                        // AddMigrationContext(up, down GoMigrationContext)
	"AddNamedMigrationContext":     {named: true},             // AddNamedMigrationContext(filename string, up, down GoMigrationContext)
	"AddMigrationNoTxContext":      {noTx: true},              // AddMigrationNoTxContext(up, down GoMigrationNoTxContext)
	"AddNamedMigrationNoTxContext": {named: true, noTx: true}, // AddNamedMigrationNoTxContext(filename string, up, down GoMigrationNoTxContext)
	"AddMigration":                 {},                        // AddMigration(up, down GoMigration), deprecated
	"AddNamedMigration":            {named: true},             // AddNamedMigration(filename string, up, down GoMigration), deprecated
	"AddMigrationNoTx":             {noTx: true},              // AddMigrationNoTx(up, down GoMigrationNoTx), deprecated
	"AddNamedMigrationNoTx":        {named: true, noTx: true}, // AddNamedMigrationNoTx(filename string, up, down GoMigrationNoTx), deprecated
}

// Result is what the pass returns.
type Result struct {
	// Go are the goose Go migrations of the package, in source order.
	Go []*GoMigration
}

// GoMigration is one goose Go migration: a goose.AddMigration* call and
// the SQL its up and down functions send.
type GoMigration struct {
	// Migration has Format "goose-go". Its scripts are synthesized: Src is
	// the SQL of the function's calls, each followed by ";\n", and
	// statement positions index Src, not the .go file (File). Up or Down
	// is nil when the function is nil or its SQL is unknown (UpUnknown,
	// DownUnknown).
	Migration *sqlschema.Migration
	// Register is the goose.AddMigration* call.
	Register *ast.CallExpr
	// UpCalls and DownCalls are the Go calls that send each statement,
	// parallel to Up.Statements and Down.Statements (a call that sends
	// several statements appears once for each).
	UpCalls, DownCalls []*ast.CallExpr
	// NoTx is set for AddMigrationNoTx*: each statement autocommits.
	NoTx bool
	// UpUnknown and DownUnknown say why a direction's SQL is not known;
	// the Script is then nil, and checkers must stay silent about it (a
	// nil Down with DownUnknown set is not a missing down migration).
	UpUnknown, DownUnknown string
}

// CallFor returns the Go call that sends statement stmtIndex of script,
// which is the migration's Up or Down; nil if it is neither or the index
// is out of range.
func (g *GoMigration) CallFor(script *sqlschema.Script, stmtIndex int) *ast.CallExpr {
	var calls []*ast.CallExpr
	switch {
	case script == nil:
		return nil
	case script == g.Migration.Up:
		calls = g.UpCalls
	case script == g.Migration.Down:
		calls = g.DownCalls
	}
	if stmtIndex < 0 || stmtIndex >= len(calls) {
		return nil
	}
	return calls[stmtIndex]
}

// CallAt returns the Go call that sends the statement at byte offset off
// of script's Src (a migrationsafety Finding's Offset): the last statement
// starting at or before off. It returns nil when script has no statements
// or is not the migration's; use Register then.
func (g *GoMigration) CallAt(script *sqlschema.Script, off int) *ast.CallExpr {
	if script == nil {
		return nil
	}
	i := -1
	for j := range script.Statements {
		if script.Statements[j].Pos.Offset > off {
			break
		}
		i = j
	}
	if i < 0 && len(script.Statements) > 0 {
		i = 0
	}
	return g.CallFor(script, i)
}

func run(pass *analysis.Pass) (res any, err error) {
	out := &Result{}
	if !importsGoose(pass.Pkg) {
		return out, nil
	}
	in := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result).Inspector()
	b := &builder{
		fset:  pass.Fset,
		info:  pass.TypesInfo,
		calls: pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result).Calls,
		decls: make(map[*types.Func]*ast.FuncDecl),
	}
	slices.SortStableFunc(b.calls, func(x, y *sqlcall.Call) int { return int(x.Expr.Pos() - y.Expr.Pos()) })
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					b.decls[fn] = fd
				}
			}
		}
	}
	for n := range in.PreorderSeq((*ast.CallExpr)(nil)) {
		if g := b.migration(n.(*ast.CallExpr)); g != nil {
			out.Go = append(out.Go, g)
		}
	}
	return out, nil
}

func importsGoose(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == goosePath {
			return true
		}
	}
	return false
}

// builder turns registration calls into GoMigrations.
type builder struct {
	fset  *token.FileSet
	info  *types.Info
	calls []*sqlcall.Call // sorted by position
	decls map[*types.Func]*ast.FuncDecl
}

// migration returns the Go migration a call registers; nil when the call
// is not a goose registration or its version cannot be known.
func (b *builder) migration(call *ast.CallExpr) *GoMigration {
	fn, _ := typeutil.Callee(b.info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != goosePath || fn.Signature().Recv() != nil {
		return nil
	}
	reg, ok := registrars[fn.Name()]
	if !ok {
		return nil
	}
	file := b.fset.Position(call.Pos()).Filename
	// goose takes the version from the caller's file (runtime.Caller), or
	// from the name passed to AddNamedMigration*.
	name, args := file, call.Args
	if reg.named {
		if len(args) == 0 {
			return nil
		}
		tv := b.info.Types[args[0]]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil
		}
		name = constant.StringVal(tv.Value)
		args = args[1:]
	}
	version, title, ok := versionOf(name)
	if !ok || len(args) != 2 {
		return nil
	}
	g := &GoMigration{
		Migration: &sqlschema.Migration{Version: version, Name: title, Format: FormatGooseGo},
		Register:  call,
		NoTx:      reg.noTx,
	}
	tx := sqlschema.TxWrapped
	if reg.noTx {
		tx = sqlschema.TxNone
	}
	g.Migration.Up, g.UpCalls, g.UpUnknown = b.direction("up", args[0], file, tx)
	g.Migration.Down, g.DownCalls, g.DownUnknown = b.direction("down", args[1], file, tx)
	return g
}

// versionOf splits a goose file name into its version and name, as goose's
// NumericComponent does: "00002_add_users.go" is version "00002", name
// "add_users". ok is false when goose would not find a version > 0.
func versionOf(file string) (version, name string, ok bool) {
	base := filepath.Base(file)
	ext := filepath.Ext(base)
	if ext != ".go" && ext != ".sql" {
		return "", "", false
	}
	version, rest, ok := strings.Cut(base, "_")
	if !ok {
		return "", "", false
	}
	n, err := strconv.ParseInt(version, 10, 64)
	if err != nil || n < 1 {
		return "", "", false
	}
	return version, strings.TrimSuffix(rest, ext), true
}

// direction builds the script of one migration function. It returns a nil
// script with no reason for a nil function, and a nil script with the
// reason when the SQL is not known.
func (b *builder) direction(dir string, fexpr ast.Expr, file string, tx sqlschema.TxMode) (*sqlschema.Script, []*ast.CallExpr, string) {
	e := ast.Unparen(fexpr)
	// goose.GoMigrationContext(up): a conversion to the func type.
	for {
		c, ok := e.(*ast.CallExpr)
		if !ok || len(c.Args) != 1 || !b.info.Types[c.Fun].IsType() {
			break
		}
		e = ast.Unparen(c.Args[0])
	}
	if b.info.Types[e].IsNil() {
		return nil, nil, ""
	}
	var ftype *ast.FuncType
	var body *ast.BlockStmt
	switch x := e.(type) {
	case *ast.FuncLit:
		ftype, body = x.Type, x.Body
	case *ast.Ident, *ast.SelectorExpr:
		if fd := b.declOf(x); fd != nil {
			ftype, body = fd.Type, fd.Body
		}
	}
	if body == nil {
		return nil, nil, fmt.Sprintf("the %s function %s is neither a function declared in this package nor a function literal", dir, b.exprString(fexpr))
	}
	w := &walker{b: b}
	w.walk(body, handleParam(b.info, ftype), 0)
	if w.unknown != "" {
		return nil, nil, w.unknown
	}
	return b.script(w.sent, file, tx)
}

// declOf returns the declaration of the package function an expression
// names; nil for anything else.
func (b *builder) declOf(e ast.Expr) *ast.FuncDecl {
	var id *ast.Ident
	switch x := e.(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	}
	fn, _ := b.info.Uses[id].(*types.Func)
	if fn == nil {
		return nil
	}
	return b.decls[fn.Origin()]
}

// handleParam is the parameter goose passes the *sql.Tx or *sql.DB in:
// the last one (after the context in the Context variants). Nil when it
// is unnamed or blank.
func handleParam(info *types.Info, ft *ast.FuncType) map[*types.Var]bool {
	if ft.Params == nil || len(ft.Params.List) == 0 {
		return nil
	}
	names := ft.Params.List[len(ft.Params.List)-1].Names
	if len(names) == 0 {
		return nil
	}
	v, _ := info.Defs[names[len(names)-1]].(*types.Var)
	if v == nil {
		return nil
	}
	return map[*types.Var]bool{v: true}
}

// walker collects, in source order, the calls through which a migration
// function sends SQL on goose's tx or db, and the first reason the SQL is
// not known.
type walker struct {
	b       *builder
	sent    []*sqlcall.Call
	unknown string
}

func (w *walker) fail(format string, args ...any) {
	if w.unknown == "" {
		w.unknown = fmt.Sprintf(format, args...)
	}
}

// maxDepth is how many levels of same-package calls the walk follows from
// the migration function. One level covers the usual helper
// (createIndex(ctx, tx, ...)); deeper chains mark the direction unknown
// when they pass the tx or db on.
const maxDepth = 1

// walk visits a function body whose handles (the variables holding the
// migration's tx or db) are given, depth calls away from the migration
// function.
func (w *walker) walk(body *ast.BlockStmt, handles map[*types.Var]bool, depth int) {
	info := w.b.info
	// A handle used anywhere but as the receiver of a SQL call or as an
	// argument of a followed call leaks somewhere the SQL is not seen.
	accounted := map[*ast.Ident]bool{}
	isHandle := func(e ast.Expr) *ast.Ident {
		id, _ := ast.Unparen(e).(*ast.Ident)
		if id != nil {
			if v, ok := info.Uses[id].(*types.Var); ok && handles[v] {
				return id
			}
		}
		return nil
	}

	type event struct {
		pos  token.Pos
		sql  *sqlcall.Call
		call *ast.CallExpr
		decl *ast.FuncDecl
		next map[*types.Var]bool // the callee's parameters that receive a handle
	}
	var events []event
	inBody := func(p token.Pos) bool { return body.Pos() <= p && p < body.End() }
	sqlExprs := map[*ast.CallExpr]bool{}
	for _, c := range w.b.calls {
		if !inBody(c.Expr.Pos()) {
			continue
		}
		sqlExprs[c.Expr] = true
		if id := isHandle(c.Recv); id != nil {
			accounted[id] = true
		}
		events = append(events, event{pos: c.Expr.Pos(), sql: c})
	}
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || sqlExprs[call] {
			return true
		}
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		if fn == nil {
			return true
		}
		fd := w.b.decls[fn.Origin()]
		if fd == nil {
			return true
		}
		sig := fn.Signature()
		next := map[*types.Var]bool{}
		for i, a := range call.Args {
			id := isHandle(a)
			if id == nil {
				continue
			}
			if depth >= maxDepth {
				w.fail("%s passes %s to %s at %s, deeper than the %d level of calls followed", w.b.funcName(body), id.Name, fn.Name(), w.b.pos(call.Pos()), maxDepth)
				return true
			}
			if sig.Variadic() && i >= sig.Params().Len()-1 || call.Ellipsis.IsValid() {
				continue // stays unaccounted
			}
			next[sig.Params().At(i)] = true
			accounted[id] = true
		}
		// Without a handle a callee still counts at the first level: SQL it
		// sends elsewhere is part of what the migration does.
		if depth < maxDepth {
			events = append(events, event{pos: call.Pos(), call: call, decl: fd, next: next})
		}
		return true
	})
	ast.Inspect(body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if ok && isHandle(id) != nil && !accounted[id] {
			w.fail("%s uses %s at %s outside a SQL call that dblint follows", w.b.funcName(body), id.Name, w.b.pos(id.Pos()))
		}
		return true
	})
	slices.SortStableFunc(events, func(x, y event) int { return int(x.pos - y.pos) })
	for _, ev := range events {
		if w.unknown != "" {
			return
		}
		if ev.sql == nil {
			w.walk(ev.decl.Body, ev.next, depth+1)
			continue
		}
		w.sqlCall(ev.sql, isHandle)
	}
}

// sqlCall adds one SQL call of the walked function, or marks the
// direction unknown.
func (w *walker) sqlCall(c *sqlcall.Call, isHandle func(ast.Expr) *ast.Ident) {
	where := w.b.callName(c) + " at " + w.b.pos(c.Expr.Pos())
	switch c.Kind {
	case sqlcall.KindPrepare:
		return // the statement's executions send the SQL
	case sqlcall.KindExec, sqlcall.KindQuery, sqlcall.KindQueryRow:
	default:
		w.fail("%s is a %s call, which dblint does not follow in migrations", where, c.Kind)
		return
	}
	recv := c.Recv
	if c.Prepared != nil {
		recv = c.Prepared.Recv
	}
	if isHandle(recv) == nil {
		w.fail("%s does not run on the migration's tx or db", where)
		return
	}
	switch {
	case len(c.Queries) == 0:
		w.fail("the SQL of %s is not known", where)
	case len(c.Queries) > 1:
		w.fail("%s sends one of %d texts", where, len(c.Queries))
	case c.Queries[0].Dynamic:
		w.fail("the SQL of %s is built at run time", where)
	case c.Queries[0].ParseErr != nil:
		w.fail("the SQL of %s does not parse: %v", where, c.Queries[0].ParseErr)
	default:
		w.sent = append(w.sent, c)
	}
}

// script concatenates the SQL of the calls and parses it.
func (b *builder) script(calls []*sqlcall.Call, file string, tx sqlschema.TxMode) (*sqlschema.Script, []*ast.CallExpr, string) {
	type segment struct {
		end  int
		call *ast.CallExpr
	}
	var src strings.Builder
	var segs []segment
	want := 0
	for _, c := range calls {
		q := &c.Queries[0]
		if len(q.Statements) == 0 {
			continue // an empty text sends nothing
		}
		want += len(q.Statements)
		text := q.Parsed
		if text == "" {
			text = q.Text
		}
		text = strings.TrimRight(text, " \t\r\n;")
		src.WriteString(text)
		// A trailing -- comment would swallow the ';'.
		if strings.Contains(text[strings.LastIndexByte(text, '\n')+1:], "--") {
			src.WriteByte('\n')
		}
		src.WriteString(";\n")
		segs = append(segs, segment{end: src.Len(), call: c.Expr})
	}
	s := &sqlschema.Script{File: file, Src: src.String(), Tx: tx}
	if s.Src == "" {
		return s, nil, ""
	}
	res, err := pgsql.ParseUncached(s.Src)
	if err != nil || len(res.Statements) != want {
		// Each text parsed alone; together they should too.
		return nil, nil, fmt.Sprintf("the SQL of the calls does not split into the statements each call sends (%v)", err)
	}
	s.Statements = res.Statements
	out := make([]*ast.CallExpr, len(s.Statements))
	k := 0
	for i := range s.Statements {
		for k < len(segs)-1 && s.Statements[i].Pos.Offset >= segs[k].end {
			k++
		}
		out[i] = segs[k].call
	}
	return s, out, ""
}

func (b *builder) pos(p token.Pos) string {
	pp := b.fset.Position(p)
	return fmt.Sprintf("%s:%d:%d", filepath.Base(pp.Filename), pp.Line, pp.Column)
}

// callName is a call's callee as written: tx.ExecContext.
func (b *builder) callName(c *sqlcall.Call) string {
	return b.exprString(c.Expr.Fun)
}

// funcName names the function a body belongs to, for messages.
func (b *builder) funcName(body *ast.BlockStmt) string {
	for fn, fd := range b.decls {
		if fd.Body == body {
			return fn.Name()
		}
	}
	return "the function literal at " + b.pos(body.Pos())
}

func (b *builder) exprString(e ast.Expr) string {
	return types.ExprString(e)
}
