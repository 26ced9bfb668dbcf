package dbfacts

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/passes/sqlcall"
)

// Analyzer exports a QueriesFact on every function that executes a query.
// It never reports; consumers read its *Result through Requires.
var Analyzer = &analysis.Analyzer{
	Name:       "dbfacts",
	Doc:        doc,
	Requires:   []*analysis.Analyzer{sqlcall.Analyzer},
	FactTypes:  []analysis.Fact{new(QueriesFact)},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run:        run,
}

// Result is what the pass returns for one package.
type Result struct {
	// Funcs are the functions and methods with a fact: those of the
	// package that execute a query, and those of other packages it calls.
	Funcs map[*types.Func]*QueriesFact
	// Sites are the calls of the package that execute a query when made:
	// calls of the database APIs, and calls of functions (of any package)
	// with a fact, of local closures and method values that do.
	Sites map[*ast.CallExpr]*Site
}

// Site is one call that executes a query.
type Site struct {
	Call *ast.CallExpr
	// Fact describes what runs. For a direct call its Chain is empty; for
	// a call through a function it is the callee's fact, Chain[0] being
	// the callee.
	Fact *QueriesFact
	// Direct is sqlcall's call for a direct site (nil for GORM association
	// calls and calls through functions).
	Direct *sqlcall.Call
	// Callee is the function called, for a site through a function; nil
	// for direct sites and local closures.
	Callee *types.Func
}

// Of returns the fact of a function of this package or of an imported one
// that the package refers to, or nil.
func (r *Result) Of(fn *types.Func) *QueriesFact {
	if r == nil || fn == nil {
		return nil
	}
	return r.Funcs[fn.Origin()]
}

func run(pass *analysis.Pass) (res any, err error) {
	out := &Result{Funcs: map[*types.Func]*QueriesFact{}, Sites: map[*ast.CallExpr]*Site{}}
	// Fast path: a package that reaches no database library, directly or
	// through its imports, cannot run a query, and none of its imports
	// has a fact to offer.
	// Export data may not list every import of a dependency, so a
	// dependency with facts also counts.
	if IsAPIPackage(pass.Pkg.Path()) || !reachesDB(pass.Pkg) && len(pass.AllObjectFacts()) == 0 {
		return out, nil
	}
	calls := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result)
	in := calls.Inspector()
	b := &builder{
		pass: pass, out: out, in: in,
		desc:     newDescriber(pass.Fset, pass.TypesInfo, calls),
		nodes:    map[*types.Func]*funcNode{},
		imported: map[*types.Func]*QueriesFact{},
	}
	b.collect(calls)
	b.fixpoint()
	b.export()
	b.sitesThroughCalls()
	b.exportImported()
	return out, nil
}

// reachesDB reports whether pkg imports a database library, directly or
// transitively. Answers are shared by all passes: a package's imports never
// change during a run.
func reachesDB(pkg *types.Package) bool {
	if v, ok := reachMemo.Load(pkg.Path()); ok {
		return v.(bool)
	}
	found := false
	for _, imp := range pkg.Imports() {
		if IsAPIPackage(imp.Path()) || reachesDB(imp) {
			found = true
			break
		}
	}
	reachMemo.Store(pkg.Path(), found)
	return found
}

var reachMemo sync.Map // import path -> bool

// funcNode is one function declared in the package.
type funcNode struct {
	fn    *types.Func
	name  string
	cands []cand // statements it runs itself
	edges []ref
	fact  *QueriesFact
	rank  rank
}

// ref is a reference to a function: a call, or a method value or
// function value the function runs (passed as a callback, ...).
type ref struct {
	callee *types.Func
	pos    token.Pos
}

type cand struct {
	fact *QueriesFact
	pos  token.Pos
}

// rank orders the statements a function could be summarised by: resolved
// text first, then writes (the costlier per iteration), then reads, then
// other statements (SET, LOCK, DDL), then the shortest chain, then the
// first in the source. The order is total, and a function's rank only
// improves from one round to the next, so the fixpoint ends.
type rank struct {
	ok       bool
	resolved bool
	weight   int // 2 write, 1 SELECT, 0 other
	depth    int
	pos      token.Pos
}

func rankOf(f *QueriesFact, depth int, pos token.Pos) rank {
	w := 0
	switch {
	case f.Write:
		w = 2
	case f.Command == "SELECT":
		w = 1
	}
	return rank{ok: true, resolved: f.Command != "", weight: w, depth: depth, pos: pos}
}

func (a rank) better(b rank) bool {
	switch {
	case a.ok != b.ok:
		return a.ok
	case a.resolved != b.resolved:
		return a.resolved
	case a.weight != b.weight:
		return a.weight > b.weight
	case a.depth != b.depth:
		return a.depth < b.depth
	}
	return a.pos < b.pos
}

type builder struct {
	pass     *analysis.Pass
	out      *Result
	in       *inspector.Inspector
	desc     *describer
	nodes    map[*types.Func]*funcNode
	order    []*funcNode
	imported map[*types.Func]*QueriesFact
	calls    []inspector.Cursor // calls of user functions or of local function values, for sites
}

// collect records what each function of the package runs itself and which
// functions it refers to.
func (b *builder) collect(calls *sqlcall.Result) {
	info := b.pass.TypesInfo
	for _, c := range calls.Calls {
		// Another engine's queries are not this tool's N+1s.
		if c.OtherDatabase == "" && b.desc.runs(c) {
			b.out.Sites[c.Expr] = &Site{Call: c.Expr, Fact: b.desc.direct(c), Direct: c}
		}
	}
	for cur := range b.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, _ := info.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil {
			continue
		}
		n := &funcNode{fn: fn, name: FuncName(fn)}
		b.nodes[fn] = n
		b.order = append(b.order, n)
		body := cur.ChildAt(edge.FuncDecl_Body, -1)
		for c := range body.Preorder((*ast.CallExpr)(nil), (*ast.Ident)(nil)) {
			switch x := c.Node().(type) {
			case *ast.CallExpr:
				site := b.out.Sites[x]
				if site == nil {
					if callee := calleeOf(info, x); callee != nil {
						if _, ok := extraFinishers[callee.FullName()]; ok {
							f := &QueriesFact{API: string(sqlcall.Gorm), Receiver: string(sqlcall.RecvUnknown)}
							b.desc.orm(x, callee, f)
							site = &Site{Call: x, Fact: f}
							b.out.Sites[x] = site
						}
					}
				}
				if site != nil {
					if RunsHere(info, c) {
						n.cands = append(n.cands, cand{site.Fact, x.Pos()})
					}
				} else if b.userCall(x) {
					b.calls = append(b.calls, c)
				}
			case *ast.Ident:
				callee, _ := info.Uses[x].(*types.Func)
				if callee == nil || callee.Pkg() == nil || IsAPIPackage(callee.Pkg().Path()) || isAbstract(callee) {
					continue
				}
				if !RunsHere(info, c) || !refRuns(info, c) {
					continue
				}
				n.edges = append(n.edges, ref{callee.Origin(), x.Pos()})
			}
		}
	}
}

// userCall reports whether a call may run a query through a function: a
// call of a function outside the database libraries, or of a local
// function value.
func (b *builder) userCall(call *ast.CallExpr) bool {
	if callee := calleeOf(b.pass.TypesInfo, call); callee != nil {
		return callee.Pkg() != nil && !IsAPIPackage(callee.Pkg().Path())
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	return ok && isLocal(b.pass.TypesInfo, id)
}

// refRuns reports whether the function named at cur (an identifier) is run
// by its enclosing function: called, or used as a value that is passed to
// a call or kept in a local (g.Go(s.load), f := s.load).
func refRuns(info *types.Info, cur inspector.Cursor) bool {
	cur = valueOf(cur)
	if cur.ParentEdgeKind() == edge.CallExpr_Fun {
		return true
	}
	return ValueRuns(info, cur)
}

// valueOf climbs from an identifier to the expression it names:
// s.load, F[int], (f).
func valueOf(cur inspector.Cursor) inspector.Cursor {
	for {
		switch cur.ParentEdgeKind() {
		case edge.SelectorExpr_Sel, edge.IndexExpr_X, edge.IndexListExpr_X, edge.ParenExpr_X:
			cur = cur.Parent()
		default:
			return cur
		}
	}
}

// ValueRuns reports whether a function value (a literal or a method
// value) at cur is run by the function around it: called, passed to a
// call (a callback, a goroutine, errgroup's Go), or kept in a local
// variable. It is not when returned, stored in a composite literal, a
// field or a package variable, converted (http.HandlerFunc(...)), appended,
// or handed to a function known to keep it for later or run it once
// (keepsFunc): the function only builds it for someone else.
func ValueRuns(info *types.Info, cur inspector.Cursor) bool {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	k, i := cur.ParentEdge()
	parent := cur.Parent().Node()
	switch k {
	case edge.CallExpr_Fun:
		return true
	case edge.CallExpr_Args:
		call := parent.(*ast.CallExpr)
		if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
			return false // a conversion: http.HandlerFunc(func...)
		}
		switch fn := typeutil.Callee(info, call).(type) {
		case *types.Builtin:
			return false // append(handlers, func...)
		case *types.Func:
			return !keepsFunc[fn.Origin().FullName()]
		}
		return true
	case edge.AssignStmt_Rhs:
		as := parent.(*ast.AssignStmt)
		if len(as.Lhs) != len(as.Rhs) {
			return false
		}
		return isLocal(info, as.Lhs[i])
	case edge.ValueSpec_Values:
		vs := parent.(*ast.ValueSpec)
		return i < len(vs.Names) && isLocal(info, vs.Names[i])
	}
	return false
}

func isLocal(info *types.Info, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	return ok && v.Pkg() != nil && v.Parent() != v.Pkg().Scope() && !v.IsField()
}

// RunsHere reports whether the code at cur runs when the function
// declaration around it runs: every function literal between them is
// called, passed to a call or kept in a local (see the package doc). A
// literal that is returned or stored away runs later, for someone else.
func RunsHere(info *types.Info, cur inspector.Cursor) bool {
	for lit := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if _, ok := lit.Node().(*ast.FuncDecl); ok {
			return true
		}
		if !ValueRuns(info, lit) {
			return false
		}
	}
	return true
}

func isAbstract(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

func calleeOf(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || isAbstract(fn) {
		return nil
	}
	return fn.Origin()
}

// FuncName is how chains and messages name a function: "store.GetCustomer"
// for a function or a method of package store.
func FuncName(fn *types.Func) string {
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// lookup returns the current fact of a function and the length of its
// chain.
func (b *builder) lookup(fn *types.Func) (*QueriesFact, int) {
	if n := b.nodes[fn]; n != nil {
		return n.fact, n.rank.depth
	}
	if fn.Pkg() == b.pass.Pkg {
		return nil, 0
	}
	f, ok := b.imported[fn]
	if !ok {
		f = new(QueriesFact)
		if !b.pass.ImportObjectFact(fn, f) {
			f = nil
		}
		b.imported[fn] = f
	}
	if f == nil {
		return nil, 0
	}
	return f, len(f.Chain)
}

// fixpoint summarises every function by its best statement, through calls
// within the package (mutual recursion included) until nothing changes.
func (b *builder) fixpoint() {
	for _, n := range b.order {
		for _, c := range n.cands {
			f := c.fact.via(n.name)
			if r := rankOf(f, 1, c.pos); r.better(n.rank) {
				n.fact, n.rank = f, r
			}
		}
	}
	for round := 0; round <= len(b.order); round++ {
		changed := false
		for _, n := range b.order {
			for _, e := range n.edges {
				cf, depth := b.lookup(e.callee)
				if cf == nil || e.callee == n.fn {
					continue
				}
				// An equal rank is the same edge: follow its callee's content.
				if r := rankOf(cf, depth+1, e.pos); r.better(n.rank) || r == n.rank && !cf.via(n.name).equal(n.fact) {
					n.fact, n.rank = cf.via(n.name), r
					changed = true
				}
			}
		}
		if !changed {
			return
		}
	}
}

func (b *builder) export() {
	for _, n := range b.order {
		if n.fact == nil {
			continue
		}
		b.out.Funcs[n.fn] = n.fact
		b.pass.ExportObjectFact(n.fn, n.fact)
	}
}

// exportImported adds the facts of other packages' functions the package
// calls to the result.
func (b *builder) exportImported() {
	for fn, f := range b.imported {
		if f != nil {
			b.out.Funcs[fn] = f
		}
	}
}

// factOf returns the fact of any function, importing it when needed.
func (b *builder) factOf(fn *types.Func) *QueriesFact {
	f, _ := b.lookup(fn)
	return f
}

// sitesThroughCalls records the calls of functions with a fact, and of
// local variables bound once to a closure or a method value that runs a
// query (load := func(id int64) error {...}; ... load(id)).
func (b *builder) sitesThroughCalls() {
	info := b.pass.TypesInfo
	for _, cur := range b.calls {
		call := cur.Node().(*ast.CallExpr)
		if callee := calleeOf(info, call); callee != nil {
			if f := b.factOf(callee); f != nil {
				b.out.Sites[call] = &Site{Call: call, Fact: f, Callee: callee}
			}
			continue
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || !isLocal(info, id) {
			continue
		}
		if f := b.boundFunc(cur, v); f != nil {
			b.out.Sites[call] = &Site{Call: call, Fact: f.via(id.Name)}
		}
	}
}

// boundFunc returns what the function value a local variable is bound to
// runs, when the variable is assigned exactly once, in the function that
// calls it.
func (b *builder) boundFunc(call inspector.Cursor, v *types.Var) *QueriesFact {
	var decl inspector.Cursor
	for d := range call.Enclosing((*ast.FuncDecl)(nil)) {
		decl = d
	}
	if decl.Node() == nil {
		return nil
	}
	info := b.pass.TypesInfo
	var value ast.Expr
	assigns := 0
	for c := range decl.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil)) {
		switch x := c.Node().(type) {
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if id, ok := l.(*ast.Ident); ok && info.ObjectOf(id) == v {
					assigns++
					if len(x.Lhs) == len(x.Rhs) {
						value = x.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range x.Names {
				if info.ObjectOf(id) == v && i < len(x.Values) {
					assigns++
					value = x.Values[i]
				}
			}
		case *ast.UnaryExpr:
			if id, ok := x.X.(*ast.Ident); ok && x.Op == token.AND && info.ObjectOf(id) == v {
				return nil // its address escapes
			}
		}
	}
	if assigns != 1 || value == nil {
		return nil
	}
	switch x := ast.Unparen(value).(type) {
	case *ast.FuncLit:
		return b.bestIn(x)
	case *ast.SelectorExpr, *ast.Ident:
		var id *ast.Ident
		if sel, ok := x.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = x.(*ast.Ident)
		}
		if fn, ok := info.Uses[id].(*types.Func); ok && !isAbstract(fn) {
			return b.factOf(fn.Origin())
		}
	}
	return nil
}

// bestIn returns the best statement a function literal runs when called.
func (b *builder) bestIn(lit *ast.FuncLit) *QueriesFact {
	var best *QueriesFact
	var br rank
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		var f *QueriesFact
		depth := 0
		if s := b.out.Sites[call]; s != nil {
			f, depth = s.Fact, len(s.Fact.Chain)
		} else if callee := calleeOf(b.pass.TypesInfo, call); callee != nil {
			f, depth = b.lookup(callee)
		}
		if f != nil {
			if r := rankOf(f, depth, call.Pos()); r.better(br) {
				best, br = f, r
			}
		}
		return true
	})
	return best
}
