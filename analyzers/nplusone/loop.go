package nplusone

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/passes/dbfacts"
	"github.com/dblint/dblint/passes/sqlcall"
)

// loopKind says what a loop means for the queries in its body.
type loopKind int

const (
	// reportable: a loop over data; a query in its body runs once per item.
	reportable loopKind = iota
	// transparent: a loop of a few iterations known in advance (a retry
	// loop, a range over a short literal). Not N+1 itself, but a loop
	// around it may be.
	transparent
	// barrier: a loop whose iterations are not items (for {}, a worker fed
	// by a channel, a poll loop that sleeps). Silent, and so is any loop
	// around it for the queries inside.
	barrier
)

// loopInfo is what the analyzer makes of one loop.
type loopInfo struct {
	kind       loopKind
	collection string // what the loop iterates over, as written
	loadedBy   string // the function or query that loaded the collection in the same function
	rows       *dbfacts.Site
	// counted: the loop counts to a number (range n, i < n) rather than
	// going over the items of a collection (range items, i < len(items)).
	counted bool
}

var (
	barrierLoop     = &loopInfo{kind: barrier}
	transparentLoop = &loopInfo{kind: transparent}
)

func (c *checker) loop(cur inspector.Cursor) *loopInfo {
	lp := c.loops[cur.Node()]
	if lp == nil {
		switch n := cur.Node().(type) {
		case *ast.RangeStmt:
			lp = c.rangeLoop(cur, n)
		case *ast.ForStmt:
			lp = c.forLoop(cur, n)
		}
		c.loops[cur.Node()] = lp
	}
	return lp
}

func (c *checker) rangeLoop(cur inspector.Cursor, n *ast.RangeStmt) *loopInfo {
	x := ast.Unparen(n.X)
	t := c.info.TypeOf(x)
	if t == nil {
		return barrierLoop
	}
	u := t.Underlying()
	if p, ok := u.(*types.Pointer); ok {
		u = p.Elem().Underlying()
	}
	switch u := u.(type) {
	case *types.Chan:
		return barrierLoop // a worker fed by a channel: its pace is its input's
	case *types.Basic:
		if v, ok := constInt(c.info, x); ok && v <= smallCount {
			return transparentLoop // for attempt := range 3
		}
	case *types.Array:
		if u.Len() <= smallLiteral {
			return transparentLoop
		}
	}
	if c.shortLiteral(cur, x) {
		return transparentLoop
	}
	b, _ := u.(*types.Basic)
	counted := b != nil && b.Info()&types.IsInteger != 0
	return &loopInfo{kind: reportable, collection: c.collection(x), loadedBy: c.loadedBy(cur, x), counted: counted}
}

func (c *checker) forLoop(cur inspector.Cursor, n *ast.ForStmt) *loopInfo {
	if n.Cond == nil || c.blocks(n.Body) {
		return barrierLoop // for {}, or a loop paced by a channel, a select or a sleep
	}
	if it := c.iterator(n.Cond); it != nil {
		lp := &loopInfo{kind: reportable, collection: c.collection(it)}
		if site := c.origin(cur, it); site != nil {
			lp.loadedBy = siteName(site)
			if site.Direct != nil && (site.Direct.Kind == sqlcall.KindQuery || site.Direct.Kind == sqlcall.KindNamedQuery) ||
				site.Direct == nil && site.Callee != nil {
				lp.rows = site
			}
		}
		return lp
	}
	if n.Init == nil && n.Post == nil {
		return barrierLoop // for cond {}: a state machine or a poll, not items
	}
	if c.fewIterations(n) || c.retryShaped(n) {
		return transparentLoop
	}
	bound, byLen := c.bound(n)
	if bound == nil {
		return barrierLoop
	}
	return &loopInfo{kind: reportable, collection: c.collection(bound), loadedBy: c.loadedBy(cur, bound), counted: !byLen}
}

// iterator returns X of a loop condition X.Next() (X.Scan(), ...): rows,
// a scanner, an iterator.
func (c *checker) iterator(cond ast.Expr) ast.Expr {
	call, ok := ast.Unparen(cond).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !iteratorMethods[sel.Sel.Name] {
		return nil
	}
	if b, ok := c.info.TypeOf(call).(*types.Basic); !ok || b.Kind() != types.Bool {
		return nil
	}
	return sel.X
}

// blocks reports whether a loop body blocks on a channel, a select, a
// sleep or a wait.
func (c *checker) blocks(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			found = true
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				found = true
			}
		case *ast.RangeStmt:
			if t := c.info.TypeOf(x.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					found = true
				}
			}
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(c.info, x).(*types.Func); ok && blockingCalls[fn.FullName()] {
				found = true
			}
		}
		return !found
	})
	return found
}

// loopVars returns the variables a for statement's init declares.
func (c *checker) loopVars(n *ast.ForStmt) []*types.Var {
	as, ok := n.Init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return nil
	}
	var out []*types.Var
	for _, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok {
			if v, ok := c.info.Defs[id].(*types.Var); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// fewIterations reports whether a counted loop runs a small constant
// number of times: for i := 0; i < 3; i++.
func (c *checker) fewIterations(n *ast.ForStmt) bool {
	as, ok := n.Init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false
	}
	from, ok := constInt(c.info, as.Rhs[0])
	if !ok {
		return false
	}
	cond, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	to, ok := constInt(c.info, cond.Y)
	if !ok {
		if to, ok = constInt(c.info, cond.X); !ok {
			return false
		}
	}
	d := to - from
	if d < 0 {
		d = -d
	}
	return d <= smallCount
}

// retryShaped reports whether a counted loop does not use its counter in
// its body and leaves early: a retry loop with a configured bound.
func (c *checker) retryShaped(n *ast.ForStmt) bool {
	vars := c.loopVars(n)
	if len(vars) == 0 {
		return false
	}
	used := false
	ast.Inspect(n.Body, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok {
			for _, v := range vars {
				if c.info.Uses[id] == v {
					used = true
				}
			}
		}
		return !used
	})
	return !used && leaves(n.Body)
}

// leaves reports whether a loop body may leave the loop: a return, or a
// break that is not taken by an inner loop, switch or select.
func leaves(body *ast.BlockStmt) bool {
	found := false
	var visit func(n ast.Node, nested bool)
	visit = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch x := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m != n {
					visit(m, true)
					return false
				}
			case *ast.ReturnStmt:
				found = true
			case *ast.BranchStmt:
				if x.Tok == token.BREAK && (x.Label != nil || !nested) {
					found = true
				}
			}
			return true
		})
	}
	visit(body, false)
	return found
}

// bound returns what a counted loop counts through: xs of i < len(xs)
// (byLen), or the limit it compares its counter with.
func (c *checker) bound(n *ast.ForStmt) (_ ast.Expr, byLen bool) {
	var found ast.Expr
	for _, part := range []ast.Node{n.Cond, n.Init} {
		if part == nil || found != nil {
			continue
		}
		ast.Inspect(part, func(m ast.Node) bool {
			if call, ok := m.(*ast.CallExpr); ok && found == nil && len(call.Args) == 1 {
				if b, ok := c.info.Uses[calleeIdent(call)].(*types.Builtin); ok && b.Name() == "len" {
					found = call.Args[0]
				}
			}
			return found == nil
		})
	}
	if found != nil {
		return found, true
	}
	cond, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
	if !ok {
		return nil, false
	}
	switch cond.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.NEQ:
	default:
		return nil, false
	}
	vars := c.loopVars(n)
	mentions := func(e ast.Expr) bool {
		hit := false
		ast.Inspect(e, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok {
				for _, v := range vars {
					if c.info.Uses[id] == v {
						hit = true
					}
				}
			}
			return !hit
		})
		return hit
	}
	switch {
	case mentions(cond.X) && !mentions(cond.Y):
		return cond.Y, false
	case mentions(cond.Y) && !mentions(cond.X):
		return cond.X, false
	}
	return nil, false
}

func calleeIdent(call *ast.CallExpr) *ast.Ident {
	id, _ := ast.Unparen(call.Fun).(*ast.Ident)
	return id
}

// collection names what a loop iterates over.
func (c *checker) collection(x ast.Expr) string {
	x = ast.Unparen(x)
	if call, ok := x.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if b, ok := c.info.Uses[calleeIdent(call)].(*types.Builtin); ok && b.Name() == "len" {
			x = call.Args[0]
		}
	}
	return c.source(x, 40)
}

// shortLiteral reports whether x is, or is a local bound once to, a
// composite literal of a few elements: for _, t := range []string{"a", "b"}.
func (c *checker) shortLiteral(cur inspector.Cursor, x ast.Expr) bool {
	if id, ok := x.(*ast.Ident); ok {
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok {
			return false
		}
		rhs, n := c.assignments(cur, v, token.NoPos)
		if n != 1 || rhs == nil {
			return false
		}
		x = ast.Unparen(rhs)
	}
	lit, ok := x.(*ast.CompositeLit)
	return ok && len(lit.Elts) <= smallLiteral
}

// function returns the outermost function declaration (or literal, at
// package level) around cur: where its locals are assigned.
func function(cur inspector.Cursor) inspector.Cursor {
	var fn inspector.Cursor
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = f
	}
	return fn
}

// assignments returns the value of the last assignment to v before pos
// (anywhere when pos is NoPos) in the function around cur, and how many
// assignments v has there; taking v's address counts as many.
func (c *checker) assignments(cur inspector.Cursor, v *types.Var, before token.Pos) (ast.Expr, int) {
	fn := function(cur)
	if fn.Node() == nil {
		return nil, 0
	}
	var last ast.Expr
	var lastPos token.Pos
	n := 0
	set := func(at token.Pos, e ast.Expr) {
		n++
		if (before == token.NoPos || at < before) && at >= lastPos {
			last, lastPos = e, at
		}
	}
	for m := range fn.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil), (*ast.IncDecStmt)(nil)) {
		switch x := m.Node().(type) {
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.info.ObjectOf(id) == v {
					switch {
					case x.Tok != token.DEFINE && x.Tok != token.ASSIGN:
						set(x.Pos(), nil) // +=: not a value of its own
					case len(x.Lhs) == len(x.Rhs):
						set(x.Pos(), x.Rhs[i])
					case len(x.Rhs) == 1:
						set(x.Pos(), x.Rhs[0]) // v, err := f()
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range x.Names {
				if c.info.ObjectOf(id) == v {
					var e ast.Expr
					if i < len(x.Values) {
						e = x.Values[i]
					} else if len(x.Values) == 1 {
						e = x.Values[0]
					}
					set(x.Pos(), e)
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok && x.Op == token.AND && c.info.ObjectOf(id) == v {
				n += 2
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{x.Key, x.Value} {
				if id, ok := e.(*ast.Ident); ok && c.info.ObjectOf(id) == v {
					n += 2
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok && c.info.ObjectOf(id) == v {
				n += 2
			}
		}
	}
	return last, n
}

// origin returns the site that loaded the value of x used by the loop at
// cur: the call assigned to it last before the loop (rows, err :=
// pool.Query(...); orders, err := s.OrdersByStatus(...)), a call filling it
// through a pointer (db.Select(&orders, ...)), or x itself when it is a
// call (range s.Orders(ctx)). pgx.CollectRows(rows, ...) leads to the
// query of rows.
func (c *checker) origin(cur inspector.Cursor, x ast.Expr) *dbfacts.Site {
	x = ast.Unparen(x)
	if call, ok := x.(*ast.CallExpr); ok {
		return c.callOrigin(cur, call)
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	var best *dbfacts.Site
	var bestPos token.Pos
	if rhs, _ := c.assignments(cur, v, cur.Node().Pos()); rhs != nil {
		if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok {
			if s := c.callOrigin(cur, call); s != nil {
				best, bestPos = s, call.Pos()
			}
		}
	}
	// A call before the loop that fills v through its address.
	fn := function(cur)
	if fn.Node() == nil {
		return best
	}
	for m := range fn.Preorder((*ast.CallExpr)(nil)) {
		call := m.Node().(*ast.CallExpr)
		if call.Pos() >= cur.Node().Pos() || call.Pos() < bestPos {
			continue
		}
		s := c.facts.Sites[call]
		if s == nil {
			continue
		}
		for _, a := range call.Args {
			if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
				if aid, ok := ast.Unparen(u.X).(*ast.Ident); ok && c.info.Uses[aid] == v {
					best, bestPos = s, call.Pos()
				}
			}
		}
	}
	return best
}

func (c *checker) callOrigin(cur inspector.Cursor, call *ast.CallExpr) *dbfacts.Site {
	if s := c.facts.Sites[call]; s != nil {
		return s
	}
	fn, ok := typeutil.Callee(c.info, call).(*types.Func)
	if !ok {
		return nil
	}
	if col, ok := sqlcall.Collectors[fn.Origin().FullName()]; ok && col.Rows < len(call.Args) {
		if id, ok := ast.Unparen(call.Args[col.Rows]).(*ast.Ident); ok {
			return c.origin(cur, id)
		}
	}
	return nil
}

// loadedBy names where the collection of the loop at cur came from.
func (c *checker) loadedBy(cur inspector.Cursor, x ast.Expr) string {
	if s := c.origin(cur, x); s != nil {
		return siteName(s)
	}
	return ""
}

// siteName names a site for "loaded by": the function called, or the
// query.
func siteName(s *dbfacts.Site) string {
	switch {
	case s.Callee != nil:
		return dbfacts.FuncName(s.Callee)
	case len(s.Fact.Chain) > 0:
		return s.Fact.Chain[0]
	case s.Fact.SQL != "":
		return s.Fact.SQL
	}
	return "a query"
}
