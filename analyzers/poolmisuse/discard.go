package poolmisuse

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/passes/sqlcall"
)

// rowTypes are the single-row results of QueryRow.
var rowTypes = map[string]bool{
	"*database/sql.Row":            true,
	"*github.com/jmoiron/sqlx.Row": true,
	"github.com/jackc/pgx/v5.Row":  true,
}

// checkDiscarded reports Query calls whose rows nobody reads
// (query-rows-discarded) and QueryRow calls whose row is never scanned
// (queryrow-not-scanned).
func (c *checker) checkDiscarded() {
	for _, call := range c.calls.Calls {
		switch call.Kind {
		case sqlcall.KindQuery, sqlcall.KindNamedQuery:
			c.checkRowsDiscarded(call)
		case sqlcall.KindQueryRow:
			c.checkRowNotScanned(call)
		}
	}
}

func (c *checker) firstResult(call *ast.CallExpr) types.Type {
	switch t := c.info.TypeOf(call).(type) {
	case *types.Tuple:
		if t.Len() > 0 {
			return t.At(0).Type()
		}
		return nil
	default:
		return t
	}
}

func (c *checker) checkRowsDiscarded(call *sqlcall.Call) {
	if rt, ok := resourceOf(c.firstResult(call.Expr)); !ok || rt.kind != kindRows {
		return
	}
	_, p := c.outerOf(call.Expr)
	switch p := p.(type) {
	case *ast.ExprStmt:
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || len(p.Lhs) == 0 || !isBlank(p.Lhs[0]) {
			return
		}
	default:
		return
	}
	exec, fix := c.execFix(call)
	msg := fmt.Sprintf("rows from %s are discarded, so they are never closed and hold their connection; use %s", c.describeCall(call.Expr), exec)
	c.r.ReportNode("query-rows-discarded", call.Expr, msg, fix...)
}

func (c *checker) checkRowNotScanned(call *sqlcall.Call) {
	if !rowTypes[types.TypeString(c.firstResult(call.Expr), nil)] {
		return
	}
	node, p := c.outerOf(call.Expr)
	exec, fix := c.execFix(call)
	switch p := p.(type) {
	case *ast.ExprStmt:
	case *ast.AssignStmt:
		fix = nil // Exec returns two values
		if len(p.Rhs) != 1 || len(p.Lhs) != 1 {
			return
		}
		if !isBlank(p.Lhs[0]) && !c.neverScanned(p.Lhs[0]) {
			return
		}
	case *ast.ValueSpec:
		if len(p.Names) != 1 || len(p.Values) != 1 || !c.neverScanned(p.Names[0]) {
			return
		}
		fix = nil
	case *ast.SelectorExpr:
		if p.X != node || scanMethods[p.Sel.Name] {
			return
		}
		fix = nil
	default:
		return
	}
	msg := fmt.Sprintf("row from %s is never scanned: the query's error is lost and its connection is held until Scan; call Scan, or use %s", c.describeCall(call.Expr), exec)
	c.r.ReportNode("queryrow-not-scanned", call.Expr, msg, fix...)
}

// neverScanned reports whether the variable lhs defines or assigns is
// only used by methods other than Scan (and not passed on).
func (c *checker) neverScanned(lhs ast.Expr) bool {
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return false
	}
	v := c.varOf(id)
	if v == nil {
		return false
	}
	fb := c.enclosingFunc(id)
	if fb == nil {
		return false
	}
	scanned, passed := false, false
	ast.Inspect(fb.body, func(n ast.Node) bool {
		x, ok := n.(*ast.Ident)
		if !ok || c.info.Uses[x] != v {
			return true
		}
		node, p := c.outerOf(x)
		sel, ok := p.(*ast.SelectorExpr)
		if !ok || sel.X != node {
			passed = true
			return true
		}
		if scanMethods[sel.Sel.Name] {
			scanned = true
		}
		return true
	})
	return !scanned && !passed
}

// execFix returns the Exec variant of a query call and a fix that
// switches to it, when the receiver has one taking the same arguments.
func (c *checker) execFix(call *sqlcall.Call) (string, []analysis.SuggestedFix) {
	sel, ok := ast.Unparen(call.Expr.Fun).(*ast.SelectorExpr)
	if !ok || call.Callee == nil {
		return "Exec", nil
	}
	name, ok := execVariants[sel.Sel.Name]
	if !ok {
		return "Exec", nil
	}
	display := types.ExprString(sel.X) + "." + name
	if s := c.info.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
		return display, nil
	}
	obj, _, _ := types.LookupFieldOrMethod(c.info.TypeOf(sel.X), true, c.pass.Pkg, name)
	m, ok := obj.(*types.Func)
	if !ok {
		return "Exec", nil
	}
	a, b := m.Type().(*types.Signature), call.Callee.Type().(*types.Signature)
	if !types.Identical(types.NewTuple(tupleVars(a.Params())...), types.NewTuple(tupleVars(b.Params())...)) || a.Variadic() != b.Variadic() {
		return display, nil
	}
	return display, []analysis.SuggestedFix{{
		Message:   "Use " + name,
		TextEdits: []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(name)}},
	}}
}

func tupleVars(t *types.Tuple) []*types.Var {
	out := make([]*types.Var, t.Len())
	for i := range out {
		out[i] = t.At(i)
	}
	return out
}
