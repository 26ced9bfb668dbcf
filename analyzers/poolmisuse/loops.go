package poolmisuse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/internal/report"
)

// nouns name a resource kind in messages.
var nouns = map[kind]string{
	kindRows:  "rows",
	kindBatch: "batch results",
	kindStmt:  "statement",
	kindTx:    "transaction",
	kindConn:  "connection",
}

// checkDeferInLoop reports a release deferred inside a loop body
// (defer-in-loop): it runs when the function returns, not when the
// iteration ends, so every iteration's resource stays open until then.
func (c *checker) checkDeferInLoop() {
	c.in.Preorder([]ast.Node{(*ast.DeferStmt)(nil)}, func(n ast.Node) {
		d := n.(*ast.DeferStmt)
		rel, x, rt, ok := c.deferredRelease(d.Call)
		if !ok {
			return
		}
		loop := c.enclosingLoop(d)
		if loop == nil {
			return
		}
		// Only a resource the iteration itself opens: a transaction
		// declared before the loop is one resource, not one per pass.
		v := c.varOf(rootIdent(x))
		if v == nil || v.Pos() < loop.Pos() || v.Pos() >= loop.End() {
			return
		}
		var held string
		switch rt.kind {
		case kindRows, kindBatch:
			held = fmt.Sprintf("the %s of every iteration stay open (each holding a connection) until then; close them", nouns[rt.kind])
		case kindStmt:
			held = "the statement of every iteration stays open until then; close it"
		case kindTx:
			held = "the transaction of every iteration stays open (holding a connection) until then; finish it"
		case kindConn:
			held = "the connection of every iteration stays out of the pool until then; release it"
		}
		msg := fmt.Sprintf("%s deferred in a loop runs only when the function returns, so %s at the end of the iteration or move the loop body into a function",
			types.ExprString(rel), held)
		c.r.ReportNode("defer-in-loop", d, msg)
	})
}

// deferredRelease returns what a deferred call releases: the release
// call (x.Close() on a resource, itself or inside a function literal)
// and x.
func (c *checker) deferredRelease(call *ast.CallExpr) (*ast.CallExpr, ast.Expr, resourceType, bool) {
	if x, rt, ok := c.releaseCall(call); ok {
		return call, x, rt, true
	}
	lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
	if !ok {
		return nil, nil, resourceType{}, false
	}
	var (
		rel   *ast.CallExpr
		x     ast.Expr
		rt    resourceType
		found bool
	)
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		if inner, ok := n.(*ast.CallExpr); ok {
			if x, rt, found = c.releaseCall(inner); found {
				rel = inner
			}
		}
		return !found
	})
	return rel, x, rt, found
}

// releaseCall matches x.Close() (Release, Commit, Rollback) on a value
// of a resource type.
func (c *checker) releaseCall(call *ast.CallExpr) (ast.Expr, resourceType, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, resourceType{}, false
	}
	rt, ok := resourceOf(c.info.TypeOf(sel.X))
	if !ok || !slices.Contains(rt.release, sel.Sel.Name) {
		return nil, resourceType{}, false
	}
	return sel.X, rt, true
}

// checkPoolOpeners reports pools opened in an HTTP handler or once per
// loop iteration (pool-per-call).
func (c *checker) checkPoolOpeners() {
	c.in.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn := typeutil.StaticCallee(c.info, call)
		if fn == nil {
			return
		}
		op, ok := poolOpeners[fn.FullName()]
		if !ok || report.InTestFile(c.pass.Fset, call.Pos()) {
			return // tests and benchmarks may connect on purpose
		}
		name := calleeName(call)
		if h := c.enclosingHandler(call); h != "" {
			c.r.ReportNode("pool-per-call", call, fmt.Sprintf("%s in HTTP handler %s opens a new %s on every request, paying a connection handshake each time and multiplying connections under load; open it once at startup and share it", name, h, op.what))
			return
		}
		loop := c.enclosingLoop(call)
		if loop == nil {
			return
		}
		v := c.assignedVar(call)
		if c.retryLoop(loop, v) || (v != nil && c.outlivesIteration(v, loop)) || c.variesIn(call, loop) {
			return
		}
		c.r.ReportNode("pool-per-call", call, fmt.Sprintf("%s inside a loop opens a new %s on every iteration; open it once before the loop and share it", name, op.what))
	})
}

// variesIn reports whether call's arguments depend on a variable
// declared in the loop (for _, dsn := range dsns): one pool per
// database is not one pool per call.
func (c *checker) variesIn(call *ast.CallExpr, loop ast.Stmt) bool {
	varies := false
	for _, a := range call.Args {
		ast.Inspect(a, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := c.info.Uses[id].(*types.Var); ok && v.Pos() >= loop.Pos() && v.Pos() < loop.End() && !isContextType(v.Type()) {
					varies = true
				}
			}
			return !varies
		})
	}
	return varies
}

// enclosingHandler names the HTTP handler around n ("" when none):
// a function with (http.ResponseWriter, *http.Request) parameters.
func (c *checker) enclosingHandler(n ast.Node) string {
	for p := c.parents[n]; p != nil; p = c.parents[p] {
		var ft *ast.FuncType
		name := "literal"
		switch p := p.(type) {
		case *ast.FuncDecl:
			ft, name = p.Type, fmt.Sprintf("%q", p.Name.Name)
		case *ast.FuncLit:
			ft = p.Type
		default:
			continue
		}
		var params []types.Type
		for _, f := range ft.Params.List {
			t := c.info.TypeOf(f.Type)
			for range max(1, len(f.Names)) {
				params = append(params, t)
			}
		}
		if len(params) == 2 && types.TypeString(params[0], nil) == "net/http.ResponseWriter" && types.TypeString(params[1], nil) == "*net/http.Request" {
			return name
		}
	}
	return ""
}

// retryLoop reports whether a loop stops once it has a pool: a break out
// of it, or a return of the pool (v), the shape of connect-with-retry.
func (c *checker) retryLoop(loop ast.Stmt, v *types.Var) bool {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	var label string
	if ls, ok := c.parents[loop].(*ast.LabeledStmt); ok {
		label = ls.Label.Name
	}
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(x ast.Node) bool {
			if found || x == nil {
				return false
			}
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if x != n {
					walk(x, true)
					return false
				}
			case *ast.BranchStmt:
				if x.Tok == token.BREAK && ((x.Label == nil && !nested) || (x.Label != nil && x.Label.Name == label)) {
					found = true
				}
			case *ast.ReturnStmt:
				found = v != nil && c.mentions(x, v)
			}
			return true
		})
	}
	walk(body, false)
	return found
}

// assignedVar returns the variable the first result of call is assigned
// to, if any.
func (c *checker) assignedVar(call *ast.CallExpr) *types.Var {
	node, p := c.outerOf(call)
	switch p := p.(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && p.Rhs[0] == node && len(p.Lhs) > 0 {
			if id, ok := p.Lhs[0].(*ast.Ident); ok {
				return c.varOf(id)
			}
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && p.Values[0] == node && len(p.Names) > 0 {
			return c.varOf(p.Names[0])
		}
	}
	return nil
}

// outlivesIteration reports whether v, opened in loop, is kept beyond
// the iteration: declared outside the loop, stored, appended, sent or
// returned (one pool per shard, say).
func (c *checker) outlivesIteration(v *types.Var, loop ast.Stmt) bool {
	if v.Pos() < loop.Pos() || v.Pos() >= loop.End() {
		return true
	}
	kept := false
	ast.Inspect(loop, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if kept || !ok || c.info.Uses[id] != v {
			return !kept
		}
		node, p := c.outerOf(id)
		switch p := p.(type) {
		case *ast.SelectorExpr, *ast.BinaryExpr:
		case *ast.CallExpr:
			if fn, ok := c.info.Uses[rootIdent(p.Fun)].(*types.Builtin); ok && fn.Name() == "append" {
				kept = true
			}
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == node {
					return true
				}
			}
			kept = true
		default:
			kept = true
		}
		return true
	})
	return kept
}
