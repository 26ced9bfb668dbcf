package poolmisuse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/sqlcall"
)

// Analyzer reports database resources that leak and pools used wrongly.
var Analyzer = &analysis.Analyzer{
	Name:      "poolmisuse",
	Doc:       doc,
	URL:       "https://github.com/dblint/dblint/blob/main/docs/rules.md#poolmisuse",
	Run:       run,
	Requires:  []*analysis.Analyzer{dbconfig.Analyzer, sqlcall.Analyzer},
	FactTypes: []analysis.Fact{(*Fact)(nil)},
}

// Rules are poolmisuse's rule ids.
var Rules = []report.Rule{
	{Analyzer: "poolmisuse", ID: "rows-not-closed", Severity: report.Error, Summary: "rows, batch results or a prepared statement not closed on some path"},
	{Analyzer: "poolmisuse", ID: "rows-err-unchecked", Severity: report.Warning, Summary: "rows.Err() not checked after the rows.Next() loop"},
	{Analyzer: "poolmisuse", ID: "tx-not-finished", Severity: report.Error, Summary: "a transaction neither committed nor rolled back on some path"},
	{Analyzer: "poolmisuse", ID: "conn-not-released", Severity: report.Error, Summary: "a connection taken from the pool and not released on some path"},
	{Analyzer: "poolmisuse", ID: "db-in-tx", Severity: report.Warning, Summary: "a query sent through the pool while a transaction is open"},
	{Analyzer: "poolmisuse", ID: "query-rows-discarded", Severity: report.Error, Summary: "Query whose rows are discarded; use Exec"},
	{Analyzer: "poolmisuse", ID: "queryrow-not-scanned", Severity: report.Error, Summary: "QueryRow whose row is never scanned"},
	{Analyzer: "poolmisuse", ID: "defer-in-loop", Severity: report.Warning, Summary: "Close, Release or Rollback deferred inside a loop"},
	{Analyzer: "poolmisuse", ID: "pool-per-call", Severity: report.Error, Summary: "a connection pool opened per HTTP request or per loop iteration"},
	{Analyzer: "poolmisuse", ID: "missing-context", Severity: report.Info, Summary: "a database/sql or sqlx call without its Context variant while a context is in scope"},
	{Analyzer: "poolmisuse", ID: "pool-unbounded", Severity: report.Warning, Summary: "a *sql.DB opened without SetMaxOpenConns"},
	{Analyzer: "poolmisuse", ID: "pool-idle-exceeds-open", Severity: report.Warning, Summary: "SetMaxIdleConns larger than SetMaxOpenConns"},
	{Analyzer: "poolmisuse", ID: "prepared-statements-with-pgbouncer", Severity: report.Error, Summary: "server-side prepared statements behind PgBouncer in transaction mode"},
}

// Fact summarises, for a function, what it does with the database
// resources (rows, statements, transactions, connections) it takes and
// returns, so that callers in other packages know who must release them.
//
// Indices count parameters and results from 0, without the receiver.
type Fact struct {
	// Closes lists parameters the function releases (closes, fully
	// consumes, commits or rolls back, releases) on every path.
	Closes []int
	// Borrows lists parameters the function uses without releasing them
	// on every path and without passing them on: the caller still owns
	// them.
	Borrows []int
	// Returns lists results that hand a resource the function opened to
	// the caller, who must release it.
	Returns []int
}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func (f *Fact) String() string {
	var parts []string
	list := func(name string, xs []int) {
		if len(xs) == 0 {
			return
		}
		s := make([]string, len(xs))
		for i, x := range xs {
			s[i] = fmt.Sprint(x)
		}
		parts = append(parts, name+"("+strings.Join(s, ",")+")")
	}
	list("closes", f.Closes)
	list("borrows", f.Borrows)
	list("returns", f.Returns)
	return strings.Join(parts, " ")
}

func (f *Fact) empty() bool { return len(f.Closes)+len(f.Borrows)+len(f.Returns) == 0 }

func (f *Fact) has(list []int, i int) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}

func run(pass *analysis.Pass) (res any, err error) {
	if sqlcall.IsAPIPackage(pass.Pkg.Path()) || !sqlcall.ImportsAPI(pass.Pkg) {
		return nil, nil
	}
	cfg, _ := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	calls := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result)
	c := &checker{
		pass:     pass,
		info:     pass.TypesInfo,
		r:        report.New(pass, cfg),
		conf:     cfg,
		graphs:   newGraphs(pass.TypesInfo, pass.Files),
		calls:    calls,
		in:       calls.Inspector(),
		parents:  make(map[ast.Node]ast.Node),
		local:    make(map[*types.Func]*Fact),
		lits:     make(map[*types.Var]*ast.FuncLit),
		litSum:   make(map[*ast.FuncLit]*Fact),
		closures: make(map[litVar]effect),
		reached:  make(map[*ast.CallExpr]bool),
	}
	c.collect()
	c.summarize()
	c.check()
	return nil, nil
}

// checker holds the state of one pass.
type checker struct {
	pass   *analysis.Pass
	info   *types.Info
	r      *report.Reporter
	conf   *dbconfig.Config
	graphs *graphs
	calls  *sqlcall.Result
	in     *inspector.Inspector

	parents map[ast.Node]ast.Node
	funcs   []*funcBody
	byNode  map[ast.Node]*funcBody

	local  map[*types.Func]*Fact       // summaries of this package's functions
	lits   map[*types.Var]*ast.FuncLit // locals bound once to a function literal
	litSum map[*ast.FuncLit]*Fact      // summaries of function literals' parameters
	// closures: what a function literal does to a variable it captures
	closures map[litVar]effect

	reached map[*ast.CallExpr]bool // db-in-tx: pool calls already reported
}

// funcBody is one function under analysis: a declaration or a literal.
type funcBody struct {
	node ast.Node // *ast.FuncDecl or *ast.FuncLit
	typ  *ast.FuncType
	body *ast.BlockStmt
	g    *cfg.CFG
	obj  *types.Func // declarations only
	at   map[ast.Node]nodeAt
}

// nodeAt locates a node in a CFG.
type nodeAt struct {
	b *cfg.Block
	i int
}

// sigOf returns the signature of a function under analysis.
func (c *checker) sigOf(fb *funcBody) *types.Signature {
	if fb.obj != nil {
		sig, _ := fb.obj.Type().(*types.Signature)
		return sig
	}
	sig, _ := c.info.TypeOf(fb.node.(*ast.FuncLit)).(*types.Signature)
	return sig
}

// collect records parents, functions and their CFGs, and local
// variables bound once to a function literal.
func (c *checker) collect() {
	c.byNode = make(map[ast.Node]*funcBody)
	for _, f := range c.pass.Files {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			if len(stack) > 0 {
				c.parents[n] = stack[len(stack)-1]
			}
			stack = append(stack, n)
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil {
					fb := &funcBody{node: n, typ: n.Type, body: n.Body, g: c.graphs.funcDecl(n)}
					fb.obj, _ = c.info.Defs[n.Name].(*types.Func)
					c.addFunc(fb)
				}
			case *ast.FuncLit:
				c.addFunc(&funcBody{node: n, typ: n.Type, body: n.Body, g: c.graphs.funcLit(n)})
			}
			return true
		})
	}
	// Locals bound once to a function literal: closeRows := func(r *sql.Rows) {...}.
	assigned := make(map[*types.Var]int)
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			for i, l := range as.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				v := c.varOf(id)
				if v == nil {
					continue
				}
				assigned[v]++
				if len(as.Lhs) == len(as.Rhs) {
					if lit, ok := ast.Unparen(as.Rhs[i]).(*ast.FuncLit); ok {
						c.lits[v] = lit
					}
				}
			}
			return true
		})
	}
	for v := range c.lits {
		if assigned[v] != 1 {
			delete(c.lits, v)
		}
	}
}

func (c *checker) addFunc(fb *funcBody) {
	if fb.g == nil {
		return
	}
	fb.at = make(map[ast.Node]nodeAt)
	for _, b := range fb.g.Blocks {
		for i, n := range b.Nodes {
			fb.at[n] = nodeAt{b, i}
		}
	}
	c.funcs = append(c.funcs, fb)
	c.byNode[fb.node] = fb
}

// summarize computes the facts of this package's functions. A function's
// summary depends on those of the functions it calls, so the package is
// summarized until nothing changes (a few rounds; recursion is rare).
func (c *checker) summarize() {
	for round := 0; round < 4; round++ {
		changed := false
		for _, fb := range c.funcs {
			if fb.obj == nil {
				continue
			}
			f := c.summary(fb)
			old := c.local[fb.obj]
			if old == nil || old.String() != f.String() {
				c.local[fb.obj] = f
				changed = true
			}
		}
		if !changed {
			break
		}
		c.litSum = make(map[*ast.FuncLit]*Fact)
		c.closures = make(map[litVar]effect)
	}
	objs := make([]*types.Func, 0, len(c.local))
	for fn := range c.local {
		objs = append(objs, fn)
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].Pos() < objs[j].Pos() })
	for _, fn := range objs {
		if f := c.local[fn]; !f.empty() {
			c.pass.ExportObjectFact(fn, f)
		}
	}
}

// factOf returns the summary of a function, from this package or from a
// fact; nil when there is none.
func (c *checker) factOf(fn *types.Func) *Fact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.local[fn]
	}
	f := new(Fact)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// check runs every rule.
func (c *checker) check() {
	for _, fb := range c.funcs {
		c.checkLifecycles(fb)
		c.checkTxPool(fb)
	}
	c.checkDiscarded()
	c.checkDeferInLoop()
	c.checkPoolOpeners()
	c.checkPoolLimits()
	c.checkContext()
	c.checkPgbouncer()
}

// resourceOf returns the resource description of a type.
func resourceOf(t types.Type) (resourceType, bool) {
	if t == nil {
		return resourceType{}, false
	}
	rt, ok := resourceTypes[types.TypeString(t, nil)]
	return rt, ok
}

// varOf returns the variable an identifier defines or uses.
func (c *checker) varOf(id *ast.Ident) *types.Var {
	if id == nil || id.Name == "_" {
		return nil
	}
	if v, ok := c.info.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := c.info.Uses[id].(*types.Var)
	return v
}

// refersTo reports whether e is an identifier for v.
func (c *checker) refersTo(e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && v != nil && c.varOf(id) == v
}

// mentions reports whether n refers to v anywhere.
func (c *checker) mentions(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found {
			return false
		}
		if id, ok := x.(*ast.Ident); ok && c.varOf(id) == v {
			found = true
		}
		return true
	})
	return found
}

// enclosingFunc returns the innermost function declaration or literal
// around n.
func (c *checker) enclosingFunc(n ast.Node) *funcBody {
	for p := c.parents[n]; p != nil; p = c.parents[p] {
		switch p.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return c.byNode[p]
		}
	}
	return nil
}

// enclosingLoop returns the innermost for or range statement whose body
// holds n, within n's function; nil when there is none.
func (c *checker) enclosingLoop(n ast.Node) ast.Stmt {
	child := n
	for p := c.parents[n]; p != nil; child, p = p, c.parents[p] {
		switch p := p.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return nil
		case *ast.ForStmt:
			if child == p.Body {
				return p
			}
		case *ast.RangeStmt:
			if child == p.Body {
				return p
			}
		}
	}
	return nil
}

// isLocal reports whether v is declared inside fb (a parameter, a named
// result or a local), not captured from an enclosing function.
func isLocal(v *types.Var, fb *funcBody) bool {
	if v == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	return v.Pos() >= fb.node.Pos() && v.Pos() < fb.node.End() && !insideNestedLit(v.Pos(), fb)
}

// insideNestedLit reports whether pos is inside a function literal nested
// in fb.
func insideNestedLit(pos token.Pos, fb *funcBody) bool {
	found := false
	ast.Inspect(fb.body, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if lit, ok := n.(*ast.FuncLit); ok && lit != fb.node {
			if pos >= lit.Pos() && pos < lit.End() {
				found = true
			}
			return false
		}
		return n.Pos() <= pos && pos < n.End()
	})
	return found
}

// lineOf returns the line of pos.
func (c *checker) lineOf(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// describeCall names a call for messages: its query text when sqlcall
// resolved one, else the call as written ("db.Query").
func (c *checker) describeCall(call *ast.CallExpr) string {
	if sc := c.calls.ByExpr[call]; sc != nil && len(sc.Queries) > 0 && !sc.Queries[0].Synthetic {
		return fmt.Sprintf("%q", report.Shorten(sc.Queries[0].Text, 50))
	}
	return types.ExprString(call.Fun)
}

// calleeName is the call as written, without arguments ("db.Query").
func calleeName(call *ast.CallExpr) string {
	fun := call.Fun
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	}
	if ix, ok := fun.(*ast.IndexListExpr); ok {
		fun = ix.X
	}
	return types.ExprString(fun)
}

// isContextType reports whether t is context.Context.
func isContextType(t types.Type) bool {
	return t != nil && types.TypeString(t, nil) == "context.Context"
}

var errorType = types.Universe.Lookup("error").Type()
