package poolmisuse

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/dblint/dblint/passes/sqlcall"
)

// checkTxPool reports queries sent through the pool while a transaction
// is open (db-in-tx): between Begin and the first Commit or Rollback in
// the same function, through the pool that began it; and in a function
// that works in a transaction it receives, through any pool.
func (c *checker) checkTxPool(fb *funcBody) {
	for _, b := range fb.g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			for _, p := range c.producedBy(n, fb) {
				if p.rt.kind != kindTx {
					continue
				}
				sel, ok := ast.Unparen(p.call.Fun).(*ast.SelectorExpr)
				if !ok {
					continue
				}
				r := &resource{fb: fb, v: p.v, err: p.err, rt: p.rt, call: p.call, stmt: n}
				pool := types.ExprString(sel.X)
				c.openRegion(r, func(n ast.Node) {
					for _, call := range c.poolCallsIn(n) {
						if types.ExprString(call.Recv) == pool {
							msg := fmt.Sprintf("query through %q while transaction %q from line %d is open: it runs on another connection, outside the transaction, and waits for a free connection while the transaction holds one; send it through %s",
								pool, r.v.Name(), c.lineOf(p.call.Pos()), r.v.Name())
							c.reportDBInTx(call, r.v, msg)
						}
					}
				})
			}
		}
	}
	// A function that receives a transaction and queries through it.
	sig := c.sigOf(fb)
	if sig == nil {
		return
	}
	for i := 0; i < sig.Params().Len(); i++ {
		tx := sig.Params().At(i)
		if rt, ok := resourceOf(tx.Type()); !ok || rt.kind != kindTx {
			continue
		}
		uses := false
		for _, call := range c.callsIn(fb.body) {
			uses = uses || (call.Recv != nil && c.refersTo(call.Recv, tx))
		}
		if !uses {
			continue
		}
		// Follow the paths where the transaction is not nil: a runner
		// that uses the pool when it has no transaction is fine.
		r := &resource{fb: fb, v: tx, rt: resourceType{kind: kindTx, release: []string{"Commit", "Rollback"}}, summary: true}
		c.openRegion(r, func(n ast.Node) {
			for _, call := range c.poolCallsIn(n) {
				msg := fmt.Sprintf("query through %q in a function that works in transaction %q: it runs on another connection, outside the transaction; send it through %s",
					types.ExprString(call.Recv), tx.Name(), tx.Name())
				c.reportDBInTx(call, tx, msg)
			}
		})
	}
}

// reportDBInTx reports a pool call once, with a fix when the
// transaction has the same method.
func (c *checker) reportDBInTx(call *sqlcall.Call, tx *types.Var, msg string) {
	if c.reached[call.Expr] {
		return
	}
	c.reached[call.Expr] = true
	c.r.ReportNode("db-in-tx", call.Expr, msg, c.useTxFix(call, tx)...)
}

// useTxFix replaces the pool with the transaction when that compiles:
// the transaction's method has the same signature, or the transaction
// can be passed where the pool was (sqlx.Get(db, ...)).
func (c *checker) useTxFix(call *sqlcall.Call, tx *types.Var) []analysis.SuggestedFix {
	fix := []analysis.SuggestedFix{{
		Message:   "Use " + tx.Name(),
		TextEdits: []analysis.TextEdit{{Pos: call.Recv.Pos(), End: call.Recv.End(), NewText: []byte(tx.Name())}},
	}}
	if sel, ok := ast.Unparen(call.Expr.Fun).(*ast.SelectorExpr); ok && sel.X == call.Recv {
		obj, _, _ := types.LookupFieldOrMethod(tx.Type(), true, c.pass.Pkg, sel.Sel.Name)
		m, ok := obj.(*types.Func)
		if !ok || call.Callee == nil {
			return nil
		}
		if sameParams(m.Type().(*types.Signature), call.Callee.Type().(*types.Signature)) {
			return fix
		}
		return nil
	}
	for i, a := range call.Expr.Args {
		if a != call.Recv {
			continue
		}
		sig, ok := c.info.TypeOf(call.Expr.Fun).(*types.Signature)
		if ok && i < sig.Params().Len() && types.AssignableTo(tx.Type(), sig.Params().At(i).Type()) {
			return fix
		}
	}
	return nil
}

// sameParams reports whether two signatures take and return the same
// types.
func sameParams(a, b *types.Signature) bool {
	return types.Identical(types.NewSignatureType(nil, nil, nil, a.Params(), a.Results(), a.Variadic()),
		types.NewSignatureType(nil, nil, nil, b.Params(), b.Results(), b.Variadic()))
}

// openRegion calls visit for every CFG node reached from the producer of
// transaction r before a (non-deferred) Commit or Rollback.
func (c *checker) openRegion(r *resource, visit func(ast.Node)) {
	type item struct {
		b       *cfg.Block
		i       int
		errLive bool
	}
	type key struct {
		b       int32
		i       int
		errLive bool
	}
	seen := make(map[key]bool)
	var work []item
	push := func(b *cfg.Block, i int, errLive bool) {
		k := key{b.Index, i, errLive}
		if !b.Live || seen[k] {
			return
		}
		seen[k] = true
		work = append(work, item{b, i, errLive})
	}
	if r.stmt == nil {
		if len(r.fb.g.Blocks) == 0 {
			return
		}
		push(r.fb.g.Blocks[0], 0, false)
	} else if at, ok := r.fb.at[r.stmt]; ok {
		push(at.b, at.i+1, r.err != nil)
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		b, errLive := it.b, it.errLive
		stopped := false
		for i := it.i; i < len(b.Nodes); i++ {
			n := b.Nodes[i]
			if r.stmt != nil && n == r.stmt {
				stopped = true
				break
			}
			visit(n)
			if e := c.effectOn(r, n); e == effClose || e == effRedefine || e == effReturn {
				stopped = true
				break
			}
			if r.err != nil && c.assigns(n, r.err) {
				errLive = false
			}
		}
		if stopped {
			continue
		}
		if len(b.Succs) == 2 && len(b.Nodes) > 0 && isExpr(b.Nodes[len(b.Nodes)-1]) {
			cond := c.condition(b.Nodes[len(b.Nodes)-1].(ast.Expr))
			for k, succ := range b.Succs {
				if f := c.implies(r, nil, cond, k == 0); (f.errNonNil && errLive) || f.vNil {
					continue
				}
				push(succ, 0, errLive)
			}
			continue
		}
		for _, succ := range b.Succs {
			push(succ, 0, errLive)
		}
	}
}

// poolCallsIn returns the calls through a pool in n, outside function
// literals.
func (c *checker) poolCallsIn(n ast.Node) []*sqlcall.Call {
	var out []*sqlcall.Call
	for _, call := range c.callsIn(n) {
		if call.Receiver == sqlcall.RecvPool && call.Recv != nil {
			out = append(out, call)
		}
	}
	return out
}

// callsIn returns the SQL calls in n, outside function literals.
func (c *checker) callsIn(n ast.Node) []*sqlcall.Call {
	var out []*sqlcall.Call
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sc := c.calls.ByExpr[x]; sc != nil {
				switch sc.Kind {
				case sqlcall.KindFragment, sqlcall.KindORM:
				default:
					out = append(out, sc)
				}
			}
		}
		return true
	})
	return out
}
