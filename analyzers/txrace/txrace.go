package txrace

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/schema"
	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema"
)

// Name is the analyzer's name, the family of its rule ids.
const Name = "txrace"

// Analyzer reports read-modify-write races, check-then-insert races and
// SERIALIZABLE transactions that are never retried.
var Analyzer = &analysis.Analyzer{
	Name:     Name,
	Doc:      doc,
	URL:      "https://github.com/dblint/dblint/blob/main/docs/rules.md#txrace",
	Run:      run,
	Requires: []*analysis.Analyzer{dbconfig.Analyzer, schema.Analyzer, sqlcall.Analyzer},
}

// Rule ids.
const (
	ruleLostUpdate      = "lost-update"
	ruleCheckThenInsert = "check-then-insert"
	ruleNoRetry         = "serializable-without-retry"
)

// Rules are txrace's rule ids.
var Rules = []report.Rule{
	{Analyzer: Name, ID: ruleLostUpdate, Severity: report.Warning, Summary: "a value read by SELECT, changed in Go and written back by UPDATE without a lock or a stronger isolation level"},
	{Analyzer: Name, ID: ruleCheckThenInsert, Severity: report.Warning, Summary: "an INSERT decided by a SELECT that looked for the same row, with no unique index to stop duplicates"},
	{Analyzer: Name, ID: ruleNoRetry, Severity: report.Warning, Summary: "a SERIALIZABLE transaction with no retry on serialization failure (SQLSTATE 40001)"},
}

// level is the isolation a statement runs at, as far as the code shows.
type level int

const (
	levelUnknown        level = iota // a transaction from elsewhere, options not constant
	levelAutocommit                  // no transaction: the statement commits on its own
	levelReadCommitted               // a transaction at READ COMMITTED (the default)
	levelRepeatableRead              // REPEATABLE READ
	levelSerializable                // SERIALIZABLE
)

// belowRepeatableRead reports whether a read-modify-write at this level
// can lose an update (REPEATABLE READ and above fail the second writer).
func (l level) belowRepeatableRead() bool { return l == levelAutocommit || l == levelReadCommitted }

// belowSerializable reports whether two transactions at this level can
// both miss a row the other inserts.
func (l level) belowSerializable() bool { return l != levelUnknown && l != levelSerializable }

func run(pass *analysis.Pass) (_ any, err error) {
	cfg, _ := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	calls, _ := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result)
	if calls == nil {
		return nil, nil
	}
	if !calls.AnySQL() {
		return nil, nil
	}
	sch, _ := pass.ResultOf[schema.Analyzer].(*schema.Result)
	cat, err := sch.Catalog()
	if err != nil {
		return nil, err
	}
	c := &checker{
		pass: pass, r: report.New(pass, cfg), cat: cat, calls: calls,
		in:       calls.Inspector(),
		txVars:   map[*types.Var]level{},
		connVars: map[*types.Var]level{},
		assigns:  map[*types.Var][]ast.Expr{},
		changed:  map[*types.Var]bool{},
		byFunc:   map[ast.Node][]*sqlcall.Call{},
	}
	c.collectAssigns()
	c.collectTransactions()
	for _, call := range calls.Calls {
		// Races in test code (fixtures, setup) do not reach production.
		if call.Func != nil && call.OtherDatabase == "" && !report.InTestFile(pass.Fset, call.Expr.Pos()) {
			c.byFunc[call.Func] = append(c.byFunc[call.Func], call)
		}
	}
	fns := make([]ast.Node, 0, len(c.byFunc))
	for fn, list := range c.byFunc {
		sort.Slice(list, func(i, j int) bool { return list[i].Expr.Pos() < list[j].Expr.Pos() })
		fns = append(fns, fn)
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].Pos() < fns[j].Pos() })
	for _, fn := range fns {
		f := c.newFunc(fn)
		if c.r.Enabled(ruleLostUpdate) {
			f.lostUpdates()
		}
		if c.r.Enabled(ruleCheckThenInsert) && c.cat != nil {
			f.checkThenInserts()
		}
	}
	if c.r.Enabled(ruleNoRetry) {
		c.serializableWithoutRetry()
	}
	return nil, nil
}

// checker is the state of one package.
type checker struct {
	pass  *analysis.Pass
	r     *report.Reporter
	cat   *sqlschema.Catalog
	calls *sqlcall.Result
	in    *inspector.Inspector

	// txVars are the variables holding a transaction begun in this
	// package, with its level (levelUnknown when begun at different
	// levels).
	txVars map[*types.Var]level
	// connVars are connections on which a BEGIN is sent as SQL.
	connVars map[*types.Var]level
	// sessionDefault is set when the package changes the session's
	// default isolation (SET SESSION CHARACTERISTICS, a DSN with
	// default_transaction_isolation): statements outside an explicit
	// transaction then run at a level the code does not show.
	sessionDefault bool
	// serializable lists the places that begin a SERIALIZABLE transaction.
	serializable []ast.Node

	// assigns holds the right-hand sides of each variable's assignments
	// (nil for a tuple or a declaration without value); changed marks
	// variables modified otherwise (address taken, op-assignment, field).
	assigns map[*types.Var][]ast.Expr
	changed map[*types.Var]bool

	byFunc map[ast.Node][]*sqlcall.Call
}

// anchor is where findings about a call go: its SQL argument.
func anchor(call *sqlcall.Call) token.Pos {
	if call.SQL != nil {
		return call.SQL.Pos()
	}
	return call.Expr.Pos()
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// identVar returns the variable (not field) an expression names.
func (c *checker) identVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	obj := c.pass.TypesInfo.Defs[id]
	if obj == nil {
		obj = c.pass.TypesInfo.Uses[id]
	}
	if v, ok := obj.(*types.Var); ok && !v.IsField() {
		return v
	}
	return nil
}

// levelOf returns the isolation level a call's statement runs at.
func (c *checker) levelOf(call *sqlcall.Call) level {
	switch call.Receiver {
	case sqlcall.RecvPool:
		if c.sessionDefault {
			return levelUnknown
		}
		return levelAutocommit
	case sqlcall.RecvConn:
		if v := c.identVar(call.Recv); v != nil {
			if l, ok := c.connVars[v]; ok {
				return l
			}
		}
		if c.sessionDefault {
			return levelUnknown
		}
		return levelAutocommit
	case sqlcall.RecvTx:
		if v := c.identVar(call.Recv); v != nil {
			if l, ok := c.txVars[v]; ok {
				return l
			}
		}
	}
	return levelUnknown
}

// funcBody returns the body of a function declaration or literal.
func funcBody(fn ast.Node) *ast.BlockStmt {
	switch f := fn.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

// inspectOwn walks the nodes of a function body, not those of function
// literals nested in it (they run at another time).
func inspectOwn(n ast.Node, f func(ast.Node) bool) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(m ast.Node) bool {
		if m == nil {
			return false
		}
		if _, ok := m.(*ast.FuncLit); ok && m != n {
			return false
		}
		return f(m)
	})
}
