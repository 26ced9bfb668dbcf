package poolmisuse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// checkLifecycles reports the resources fb opens and leaks on some path
// (rows-not-closed, tx-not-finished, conn-not-released), and rows whose
// iteration error is never looked at (rows-err-unchecked).
func (c *checker) checkLifecycles(fb *funcBody) {
	var rows []produced
	seen := make(map[*types.Var]bool)
	for _, b := range fb.g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			for _, p := range c.producedBy(n, fb) {
				r := &resource{fb: fb, v: p.v, err: p.err, rt: p.rt, call: p.call, stmt: n}
				if o := c.track(r); len(o.leaks) > 0 {
					c.reportLeak(r, o)
				}
				if p.rt.kind == kindRows && !seen[p.v] {
					seen[p.v] = true
					rows = append(rows, p)
				}
			}
		}
	}
	for _, p := range rows {
		c.checkRowsErr(fb, p)
	}
}

// reportLeak reports r at its producer, naming the first path that leaks
// it.
func (c *checker) reportLeak(r *resource, o outcome) {
	l := o.leaks[0]
	for _, x := range o.leaks[1:] {
		if x.pos < l.pos {
			l = x
		}
	}
	var rule, what string
	switch r.rt.kind {
	case kindRows:
		rule, what = "rows-not-closed", "rows from %s are not closed"
	case kindBatch:
		rule, what = "rows-not-closed", "batch results from %s are not closed"
	case kindStmt:
		rule, what = "rows-not-closed", "prepared statement from %s is not closed"
	case kindTx:
		rule, what = "tx-not-finished", "transaction from %s is neither committed nor rolled back"
	case kindConn:
		rule, what = "conn-not-released", "connection from %s is not released"
	default:
		return
	}
	line := c.lineOf(l.pos)
	var when string
	switch l.how {
	case leakReturn:
		when = fmt.Sprintf("when the function returns at line %d", line)
	case leakEnd:
		when = fmt.Sprintf("when the function ends at line %d", line)
	case leakIterate:
		when = fmt.Sprintf("when the loop comes back to line %d", line)
	case leakOverwrite:
		when = fmt.Sprintf("when %s is reassigned at line %d", r.v.Name(), line)
	}
	release, mechanical := c.releaseText(r)
	var remedy string
	inLoop := c.enclosingLoop(r.stmt) != nil
	switch {
	case inLoop:
		remedy = fmt.Sprintf("call %s before the iteration ends", release)
	case r.err != nil:
		remedy = fmt.Sprintf("add defer %s after the error check", release)
	default:
		remedy = fmt.Sprintf("add defer %s after line %d", release, c.lineOf(r.stmt.Pos()))
	}
	var fixes []analysis.SuggestedFix
	if mechanical && !inLoop {
		fixes = c.deferFix(r, release)
	}
	msg := fmt.Sprintf(what, c.describeCall(r.call)) + " " + when + "; " + remedy
	c.r.ReportNode(rule, r.call, msg, fixes...)
}

// releaseText is the call that releases r ("rows.Close()",
// "tx.Rollback(ctx)"); mechanical is false when a part had to be made up.
func (c *checker) releaseText(r *resource) (string, bool) {
	m := r.rt.release[len(r.rt.release)-1] // Rollback for transactions
	if r.rt.kind == kindTx && r.rt.pgx {
		ctx := c.ctxArg(r)
		if ctx == "" {
			return fmt.Sprintf("%s.%s(ctx)", r.v.Name(), m), false
		}
		return fmt.Sprintf("%s.%s(%s)", r.v.Name(), m, ctx), true
	}
	return fmt.Sprintf("%s.%s()", r.v.Name(), m), true
}

// ctxArg returns the context to pass to a pgx Rollback: the one Begin
// was given, or one in scope.
func (c *checker) ctxArg(r *resource) string {
	if r.call != nil && len(r.call.Args) > 0 && isContextType(c.info.TypeOf(r.call.Args[0])) {
		if _, ok := ast.Unparen(r.call.Args[0]).(*ast.Ident); ok {
			return types.ExprString(r.call.Args[0])
		}
	}
	if r.call != nil {
		return c.contextInScope(r.call.Pos())
	}
	return ""
}

// deferFix inserts "defer <release>" after the error check that follows
// the producer (or right after the producer when it returns no error).
func (c *checker) deferFix(r *resource, release string) []analysis.SuggestedFix {
	as, ok := r.stmt.(*ast.AssignStmt)
	if !ok {
		return nil
	}
	list := c.stmtListOf(as)
	k := -1
	for i, s := range list {
		if s == as {
			k = i
		}
	}
	if k < 0 {
		return nil
	}
	var after ast.Node = as
	if r.err != nil {
		if k+1 >= len(list) {
			return nil
		}
		ifs, ok := list[k+1].(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || !c.implies(r, nil, ifs.Cond, true).errNonNil || !c.terminates(ifs.Body) {
			return nil
		}
		after = ifs
	}
	col := c.pass.Fset.Position(as.Pos()).Column
	text := "\n" + strings.Repeat("\t", col-1) + "defer " + release
	return []analysis.SuggestedFix{{
		Message:   "Add defer " + release,
		TextEdits: []analysis.TextEdit{{Pos: after.End(), End: after.End(), NewText: []byte(text)}},
	}}
}

// stmtListOf returns the statement list that holds s.
func (c *checker) stmtListOf(s ast.Stmt) []ast.Stmt {
	switch p := c.parents[s].(type) {
	case *ast.BlockStmt:
		return p.List
	case *ast.CaseClause:
		return p.Body
	case *ast.CommClause:
		return p.Body
	}
	return nil
}

// terminates reports whether a block always leaves (return, branch,
// panic).
func (c *checker) terminates(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(last.X).(*ast.CallExpr)
		return ok && c.noReturn(call)
	}
	return false
}

// checkRowsErr reports rows iterated with Next whose Err is never
// consulted after the loop. It is silent when the rows are passed on or
// returned (the receiver may check), and when Err is called anywhere
// after the first Next, or in a deferred function.
func (c *checker) checkRowsErr(fb *funcBody, p produced) {
	v := p.v
	var first *ast.CallExpr
	ast.Inspect(fb.body, func(n ast.Node) bool {
		if first != nil {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Next" && c.refersTo(sel.X, v) && c.isCondition(call) {
			first = call
		}
		return true
	})
	if first == nil {
		return
	}
	passed, checked := false, false
	ast.Inspect(fb.body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || c.info.Uses[id] != v {
			return true
		}
		node, parent := c.outerOf(id)
		switch p := parent.(type) {
		case *ast.SelectorExpr:
			if p.Sel.Name == "Err" && (id.Pos() > first.Pos() || c.inDeferredLit(id)) {
				checked = true
			}
		case *ast.BinaryExpr:
		case *ast.AssignStmt:
			isLHS := false
			for _, l := range p.Lhs {
				isLHS = isLHS || l == node
			}
			if !isLHS {
				passed = true
			}
		default:
			passed = true
		}
		return true
	})
	if passed || checked {
		return
	}
	name := v.Name()
	msg := fmt.Sprintf("%s.Err() is not checked after the %s.Next() loop over %s: an error that ends the loop early (a lost connection, a canceled context, a bad value) is dropped and the partial result looks complete; check %s.Err() after the loop",
		name, name, c.describeCall(p.call), name)
	c.r.ReportNode("rows-err-unchecked", first, msg)
}

// isCondition reports whether e is (a negation of) the condition of an
// if or for statement.
func (c *checker) isCondition(e ast.Expr) bool {
	var n ast.Node = e
	for {
		p := c.parents[n]
		switch p := p.(type) {
		case *ast.ParenExpr:
			n = p
			continue
		case *ast.UnaryExpr:
			if p.Op == token.NOT {
				n = p
				continue
			}
			return false
		case *ast.IfStmt:
			return p.Cond == n
		case *ast.ForStmt:
			return p.Cond == n
		}
		return false
	}
}

// inDeferredLit reports whether n is inside a function literal that is
// deferred.
func (c *checker) inDeferredLit(n ast.Node) bool {
	for p := c.parents[n]; p != nil; p = c.parents[p] {
		if lit, ok := p.(*ast.FuncLit); ok {
			if call, ok := c.parents[lit].(*ast.CallExpr); ok && call.Fun == lit && c.isDeferred(call) {
				return true
			}
		}
	}
	return false
}
