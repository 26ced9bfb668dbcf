package poolmisuse

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/passes/sqlcall"
)

// This file follows one resource (rows, a statement, a transaction, a
// connection) through its function's control-flow graph and says on
// which paths it is still open when the function returns.
//
// Have:
//
//	rows, err := db.Query(...)   // the producer: rows is open from here
//	if err != nil {              // err != nil: rows is nil on that branch
//		return err
//	}
//	for rows.Next() { ... }      // Next() false: rows closed themselves
//	return nil
//
// A path ends well when the resource is released (Close, Commit,
// Rollback, Release, a deferred release, a helper whose fact says it
// closes, a pgx collector), returned to the caller, or passed on where
// the analysis cannot follow (stored, captured, given to an unknown
// function): precision first, those paths are silent. A path that
// reaches the end of the function, or reassigns the variable, with the
// resource open is a leak.

// effect is what a CFG node does to a tracked resource; larger wins when
// a node does several things.
type effect uint8

const (
	effNone       effect = iota
	effBorrow            // used; the function still owns it
	effRedefine          // the variable is given another value
	effEscape            // passed on where the analysis cannot follow
	effReturn            // returned to the caller
	effClose             // released now
	effDeferClose        // released when the function returns
)

// resource is one value being tracked.
type resource struct {
	fb   *funcBody
	v    *types.Var
	err  *types.Var // the error returned with it: the resource is nil when it is not
	rt   resourceType
	call *ast.CallExpr // the producing call; nil for parameters and captured variables
	stmt ast.Node      // the CFG node of the producing call
	// summary: summarizing a parameter or a captured variable; a
	// reassignment there hands the value on rather than leaking it.
	summary bool
}

// leakHow says how a path leaks.
type leakHow uint8

const (
	leakReturn    leakHow = iota // a return statement
	leakEnd                      // the end of the function body
	leakIterate                  // the loop comes back to the producer
	leakOverwrite                // the variable is reassigned
)

type leak struct {
	pos token.Pos
	how leakHow
}

// outcome is what happened to a resource over all paths.
type outcome struct {
	leaks    []leak
	closed   bool // released on some path
	escaped  bool // passed on on some path
	returned bool // returned on some path
}

// pathState is what a path knows besides its position.
type pathState struct {
	errLive bool       // the paired error still holds the producer's error
	scanErr *types.Var // pgx: holds the error of the last rows.Scan
}

// track follows r from its producer (or the function entry) to every
// exit.
func (c *checker) track(r *resource) outcome {
	var out outcome
	g := r.fb.g
	if g == nil || len(g.Blocks) == 0 {
		return out
	}
	type item struct {
		b *cfg.Block
		i int
		s pathState
	}
	type key struct {
		b int32
		i int
		s pathState
	}
	seen := make(map[key]bool)
	var work []item
	push := func(b *cfg.Block, i int, s pathState) {
		if !b.Live {
			return
		}
		k := key{b.Index, i, s}
		if seen[k] {
			return
		}
		seen[k] = true
		work = append(work, item{b, i, s})
	}
	if r.stmt != nil {
		at, ok := r.fb.at[r.stmt]
		if !ok {
			return out // not in the graph: say nothing
		}
		push(at.b, at.i+1, pathState{errLive: r.err != nil})
	} else {
		push(g.Blocks[0], 0, pathState{})
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		b, s := it.b, it.s
		stopped := false
		for i := it.i; i < len(b.Nodes) && !stopped; i++ {
			n := b.Nodes[i]
			if n == r.stmt {
				out.leaks = append(out.leaks, leak{n.Pos(), leakIterate})
				stopped = true
				break
			}
			switch c.effectOn(r, n) {
			case effClose, effDeferClose:
				out.closed, stopped = true, true
			case effReturn:
				out.returned, stopped = true, true
			case effEscape:
				out.escaped, stopped = true, true
			case effRedefine:
				if r.summary {
					out.escaped = true
				} else {
					out.leaks = append(out.leaks, leak{n.Pos(), leakOverwrite})
				}
				stopped = true
			}
			if stopped {
				break
			}
			if r.err != nil && c.assigns(n, r.err) {
				s.errLive = false
			}
			if r.rt.pgx && r.rt.kind == kindRows {
				if v := c.scanErrOf(n, r.v); v != nil {
					s.scanErr = v
				}
			}
		}
		if stopped {
			continue
		}
		switch {
		case len(b.Succs) == 0:
			if l, ok := c.exitLeak(r.fb, b); ok {
				out.leaks = append(out.leaks, l)
			}
		case len(b.Succs) == 2 && len(b.Nodes) > 0 && isExpr(b.Nodes[len(b.Nodes)-1]):
			cond := c.condition(b.Nodes[len(b.Nodes)-1].(ast.Expr))
			for k, succ := range b.Succs {
				f := c.implies(r, s.scanErr, cond, k == 0)
				if (f.errNonNil && s.errLive) || f.vNil {
					continue // the resource is nil on this branch
				}
				if f.nextFalse || f.scanErr {
					out.closed = true // pgx and database/sql close rows when Next returns false
					continue
				}
				push(succ, 0, s)
			}
		default:
			for _, succ := range b.Succs {
				push(succ, 0, s)
			}
		}
	}
	return out
}

func isExpr(n ast.Node) bool { _, ok := n.(ast.Expr); return ok }

// condition returns the condition a branch node stands for: the node
// itself, or tag == value for a case of a switch with a tag
// (switch err { case nil: ... }).
func (c *checker) condition(e ast.Expr) ast.Expr {
	cc, ok := c.parents[e].(*ast.CaseClause)
	if !ok {
		return e
	}
	sw, ok := c.parents[c.parents[cc]].(*ast.SwitchStmt)
	if !ok || sw.Tag == nil {
		return e
	}
	return &ast.BinaryExpr{X: sw.Tag, OpPos: e.Pos(), Op: token.EQL, Y: e}
}

// exitLeak describes the exit at the end of b, a block with no
// successors: a return statement, the end of the body, or a call that
// never returns (panic, log.Fatal, os.Exit), which is not a leak.
func (c *checker) exitLeak(fb *funcBody, b *cfg.Block) (leak, bool) {
	if len(b.Nodes) > 0 {
		switch last := b.Nodes[len(b.Nodes)-1].(type) {
		case *ast.ReturnStmt:
			if last.Return == fb.body.Rbrace {
				break // falling off the end: the CFG materializes the return there
			}
			return leak{last.Pos(), leakReturn}, true
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(last.X).(*ast.CallExpr); ok && c.noReturn(call) {
				return leak{}, false
			}
		}
	}
	return leak{fb.body.Rbrace, leakEnd}, true
}

// noReturn reports whether call never returns.
func (c *checker) noReturn(call *ast.CallExpr) bool {
	return !c.graphs.mayReturn(call)
}

// effectOn returns what node n does to r.
func (c *checker) effectOn(r *resource, n ast.Node) effect {
	best := effNone
	if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) == 0 && c.isNamedResult(r) {
		best = effReturn
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			best = max(best, c.closureEffect(r, x))
			return false
		case *ast.Ident:
			if c.varOf(x) == r.v {
				best = max(best, c.identEffect(r, x))
			}
		}
		return true
	})
	return best
}

// isNamedResult reports whether r's variable is a named result of its
// function (handed to the caller by a bare return).
func (c *checker) isNamedResult(r *resource) bool {
	if r.fb.typ.Results == nil {
		return false
	}
	for _, f := range r.fb.typ.Results.List {
		for _, nm := range f.Names {
			if c.varOf(nm) == r.v {
				return true
			}
		}
	}
	return false
}

// outerOf returns n's parent, skipping parentheses, and the child under
// it that holds n.
func (c *checker) outerOf(n ast.Node) (child, parent ast.Node) {
	child = n
	parent = c.parents[n]
	for {
		if p, ok := parent.(*ast.ParenExpr); ok {
			child, parent = p, c.parents[p]
			continue
		}
		return child, parent
	}
}

// identEffect classifies one use of r's variable.
func (c *checker) identEffect(r *resource, id *ast.Ident) effect {
	node, p := c.outerOf(id)
	switch p := p.(type) {
	case *ast.SelectorExpr:
		if p.X != node {
			return effNone
		}
		sel, gp := c.outerOf(p)
		call, ok := gp.(*ast.CallExpr)
		if !ok || call.Fun != sel {
			return effEscape // a method value, or an embedded field
		}
		name := p.Sel.Name
		if slices.Contains(r.rt.release, name) {
			if c.isDeferred(call) {
				return effDeferClose
			}
			return effClose
		}
		if transferMethods[name] {
			return effEscape
		}
		return effBorrow
	case *ast.CallExpr:
		for i, a := range p.Args {
			if a == node {
				return c.argEffect(p, i)
			}
		}
		return effEscape
	case *ast.ReturnStmt:
		return effReturn
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == node {
				return effRedefine
			}
		}
		for j, rhs := range p.Rhs {
			if rhs == node && len(p.Lhs) == len(p.Rhs) && isBlank(p.Lhs[j]) {
				return effBorrow
			}
		}
		return effEscape
	case *ast.ValueSpec:
		for _, nm := range p.Names {
			if nm == node {
				return effRedefine
			}
		}
		return effEscape
	case *ast.BinaryExpr:
		if p.Op == token.EQL || p.Op == token.NEQ {
			return effBorrow
		}
	}
	return effEscape
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

func isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// isDeferred reports whether call is the call of a defer statement.
func (c *checker) isDeferred(call *ast.CallExpr) bool {
	d, ok := c.parents[call].(*ast.DeferStmt)
	return ok && d.Call == call
}

// argEffect classifies passing a resource as argument i of call.
func (c *checker) argEffect(call *ast.CallExpr, i int) effect {
	e := c.argUse(call, i)
	if e == effClose && c.isDeferred(call) {
		return effDeferClose
	}
	return e
}

// argUse says what the callee of call does with argument i: close it,
// borrow it, or something the analysis cannot follow.
func (c *checker) argUse(call *ast.CallExpr, i int) effect {
	fun := ast.Unparen(call.Fun)
	if lit, ok := fun.(*ast.FuncLit); ok {
		return useOf(c.litFact(lit), i)
	}
	if id, ok := fun.(*ast.Ident); ok {
		if v, ok := c.info.Uses[id].(*types.Var); ok {
			if lit := c.lits[v]; lit != nil {
				return useOf(c.litFact(lit), i)
			}
			return effEscape
		}
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return effEscape
	}
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			i-- // (*T).M(recv, args...)
		}
	}
	switch libraryArgs[fn.Origin().FullName()] {
	case argCloses:
		return effClose
	case argBorrows:
		return effBorrow
	}
	if fn.Pkg() != nil && sqlcall.IsAPIPackage(fn.Pkg().Path()) {
		return effBorrow // library calls take no ownership unless listed
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || i < 0 || (sig.Variadic() && i >= sig.Params().Len()-1) {
		return effEscape
	}
	return useOf(c.factOf(fn), i)
}

// useOf reads a summary for parameter i.
func useOf(f *Fact, i int) effect {
	switch {
	case f == nil:
		return effEscape
	case f.has(f.Closes, i):
		return effClose
	case f.has(f.Borrows, i):
		return effBorrow
	}
	return effEscape
}

// closureEffect classifies a function literal that mentions r's
// variable. A literal that releases it anywhere counts as releasing it
// (defer func() { _ = rows.Close() }(), or a rollback guarded by an
// error check); otherwise the literal is followed like a helper.
func (c *checker) closureEffect(r *resource, lit *ast.FuncLit) effect {
	if !c.mentions(lit.Body, r.v) {
		return effNone
	}
	node, p := c.outerOf(lit)
	call, invoked := p.(*ast.CallExpr)
	invoked = invoked && call.Fun == node
	deferred := invoked && c.isDeferred(call)
	if c.releasesIn(lit.Body, r) {
		if deferred {
			return effDeferClose
		}
		return effClose
	}
	key := litVar{lit, r.v}
	e, ok := c.closures[key]
	if !ok {
		e = effEscape
		c.closures[key] = e // recursion: unknown while computing
		if sub := c.byNode[lit]; sub != nil {
			o := c.track(&resource{fb: sub, v: r.v, rt: r.rt, summary: true})
			switch {
			case o.escaped || o.returned:
			case o.closed && len(o.leaks) == 0:
				e = effClose
			default:
				e = effBorrow
			}
		}
		c.closures[key] = e
	}
	if e == effClose && deferred {
		return effDeferClose
	}
	return e
}

// litVar keys the summary of a function literal for a captured variable.
type litVar struct {
	lit *ast.FuncLit
	v   *types.Var
}

// releasesIn reports whether n releases r's variable anywhere: a release
// method, or a call that closes it.
func (c *checker) releasesIn(n ast.Node, r *resource) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found {
			return false
		}
		call, ok := x.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && c.refersTo(sel.X, r.v) && slices.Contains(r.rt.release, sel.Sel.Name) {
			found = true
			return false
		}
		for i, a := range call.Args {
			if c.refersTo(a, r.v) && c.argUse(call, i) == effClose {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// assigns reports whether n assigns v.
func (c *checker) assigns(n ast.Node, v *types.Var) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if c.refersTo(l, v) {
				return true
			}
		}
	case *ast.ValueSpec:
		for _, nm := range n.Names {
			if c.varOf(nm) == v {
				return true
			}
		}
	}
	return false
}

// scanErrOf returns the variable that n assigns the error of a pgx call
// that closes the rows when it fails: err := rows.Scan(&a), vals, err :=
// rows.Values(), u, err := pgx.RowToStructByName[U](rows).
func (c *checker) scanErrOf(n ast.Node, v *types.Var) *types.Var {
	as, ok := n.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	reads := false
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Scan" || sel.Sel.Name == "Values") && c.refersTo(sel.X, v) {
		reads = true
	}
	if fn, ok := typeutil.Callee(c.info, call).(*types.Func); ok && libraryArgs[fn.Origin().FullName()] == argBorrows {
		for _, a := range call.Args {
			reads = reads || c.refersTo(a, v)
		}
	}
	if !reads {
		return nil
	}
	id, _ := as.Lhs[len(as.Lhs)-1].(*ast.Ident)
	if ev := c.varOf(id); ev != nil && types.Identical(ev.Type(), errorType) {
		return ev
	}
	return nil
}

// implied is what a branch condition tells about a resource.
type implied struct {
	errNonNil bool // the paired error is not nil: the resource is nil
	vNil      bool // the resource itself is nil
	nextFalse bool // rows.Next() returned false: the rows closed themselves
	scanErr   bool // pgx: rows.Scan failed, which closes the rows
}

func (a implied) or(b implied) implied {
	return implied{a.errNonNil || b.errNonNil, a.vNil || b.vNil, a.nextFalse || b.nextFalse, a.scanErr || b.scanErr}
}

func (a implied) and(b implied) implied {
	return implied{a.errNonNil && b.errNonNil, a.vNil && b.vNil, a.nextFalse && b.nextFalse, a.scanErr && b.scanErr}
}

// implies returns what e evaluating to truth tells about r.
func (c *checker) implies(r *resource, scanErr *types.Var, e ast.Expr, truth bool) implied {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return c.implies(r, scanErr, e.X, !truth)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			x, y := c.implies(r, scanErr, e.X, truth), c.implies(r, scanErr, e.Y, truth)
			if truth {
				return x.or(y)
			}
			return x.and(y)
		case token.LOR:
			x, y := c.implies(r, scanErr, e.X, truth), c.implies(r, scanErr, e.Y, truth)
			if truth {
				return x.and(y)
			}
			return x.or(y)
		case token.EQL, token.NEQ:
			var other ast.Expr
			switch {
			case isNil(e.Y):
				other = e.X
			case isNil(e.X):
				other = e.Y
			default:
				return implied{}
			}
			nonNil := (e.Op == token.NEQ) == truth
			var f implied
			if nonNil && c.refersTo(other, r.err) {
				f.errNonNil = true
			}
			if nonNil && scanErr != nil && c.refersTo(other, scanErr) {
				f.scanErr = true
			}
			if !nonNil && c.refersTo(other, r.v) {
				f.vNil = true
			}
			return f
		}
	case *ast.CallExpr:
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && !truth && sel.Sel.Name == "Next" && r.rt.kind == kindRows && c.refersTo(sel.X, r.v) {
			return implied{nextFalse: true}
		}
		// errors.Is(err, target) and errors.As(err, &t) are true only
		// for a non-nil err.
		if truth && len(e.Args) > 0 && c.refersTo(e.Args[0], r.err) {
			if fn, ok := typeutil.Callee(c.info, e).(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "errors" && (fn.Name() == "Is" || fn.Name() == "As") {
				return implied{errNonNil: true}
			}
		}
	}
	return implied{}
}

// producer returns, for a call that hands the caller a resource it must
// release, the index of that result and the resource's description.
func (c *checker) producer(call *ast.CallExpr) (int, resourceType, bool) {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return 0, resourceType{}, false
	}
	full := fn.Origin().FullName()
	if notOwned[full] {
		return 0, resourceType{}, false
	}
	if rt, ok := producerOverrides[full]; ok {
		return 0, rt, true
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Results().Len() == 0 {
		return 0, resourceType{}, false
	}
	if fn.Pkg() != nil && sqlcall.IsAPIPackage(fn.Pkg().Path()) {
		rt, ok := resourceOf(sig.Results().At(0).Type())
		return 0, rt, ok
	}
	// sqlc's DBTX and other interfaces shaped like the libraries.
	if sc := c.calls.ByExpr[call]; sc != nil && sc.Interface {
		rt, ok := resourceOf(sig.Results().At(0).Type())
		return 0, rt, ok
	}
	if f := c.factOf(fn); f != nil && len(f.Returns) > 0 {
		i := f.Returns[0]
		if i < sig.Results().Len() {
			rt, ok := resourceOf(sig.Results().At(i).Type())
			return i, rt, ok
		}
	}
	return 0, resourceType{}, false
}

// produced is one resource a CFG node creates.
type produced struct {
	v    *types.Var
	err  *types.Var
	rt   resourceType
	call *ast.CallExpr
}

// producedBy returns the resources node n assigns to local variables of
// fb: rows, err := db.Query(...).
func (c *checker) producedBy(n ast.Node, fb *funcBody) []produced {
	var lhs, rhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs, rhs = n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, nm := range n.Names {
			lhs = append(lhs, nm)
		}
		rhs = n.Values
	default:
		return nil
	}
	var out []produced
	add := func(target ast.Expr, call *ast.CallExpr, rt resourceType, errE ast.Expr) {
		id, ok := target.(*ast.Ident)
		if !ok {
			return
		}
		v := c.varOf(id)
		if v == nil || !isLocal(v, fb) {
			return
		}
		p := produced{v: v, rt: rt, call: call}
		if errE != nil {
			if eid, ok := errE.(*ast.Ident); ok {
				if ev := c.varOf(eid); ev != nil && types.Identical(ev.Type(), errorType) {
					p.err = ev
				}
			}
		}
		out = append(out, p)
	}
	switch {
	case len(rhs) == 1:
		call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
		if !ok {
			return nil
		}
		idx, rt, ok := c.producer(call)
		if !ok || idx >= len(lhs) {
			return nil
		}
		var errE ast.Expr
		if len(lhs) > 1 {
			errE = lhs[len(lhs)-1]
		}
		add(lhs[idx], call, rt, errE)
	case len(lhs) == len(rhs):
		for i := range rhs {
			call, ok := ast.Unparen(rhs[i]).(*ast.CallExpr)
			if !ok {
				continue
			}
			if idx, rt, ok := c.producer(call); ok && idx == 0 {
				if t, ok := c.info.TypeOf(call).(*types.Tuple); !ok || t.Len() == 1 {
					add(lhs[i], call, rt, nil)
				}
			}
		}
	}
	return out
}

// summary computes the fact of a declared function.
func (c *checker) summary(fb *funcBody) *Fact {
	f := new(Fact)
	sig, _ := fb.obj.Type().(*types.Signature)
	if sig == nil {
		return f
	}
	c.paramSummary(fb, sig, f)
	c.resultSummary(fb, sig, f)
	return f
}

// litFact returns the summary of a function literal's parameters.
func (c *checker) litFact(lit *ast.FuncLit) *Fact {
	if f, ok := c.litSum[lit]; ok {
		return f
	}
	c.litSum[lit] = nil // recursion: unknown while computing
	f := new(Fact)
	if fb := c.byNode[lit]; fb != nil {
		if sig, ok := c.info.TypeOf(lit).(*types.Signature); ok {
			c.paramSummary(fb, sig, f)
		}
	}
	c.litSum[lit] = f
	return f
}

// paramSummary records which resource parameters the function closes on
// every path, and which it only borrows.
func (c *checker) paramSummary(fb *funcBody, sig *types.Signature, f *Fact) {
	for i := 0; i < sig.Params().Len(); i++ {
		p := sig.Params().At(i)
		rt, ok := resourceOf(p.Type())
		if !ok || p.Name() == "" || p.Name() == "_" || (sig.Variadic() && i == sig.Params().Len()-1) {
			continue
		}
		o := c.track(&resource{fb: fb, v: p, rt: rt, summary: true})
		switch {
		case o.escaped || o.returned:
		case o.closed && len(o.leaks) == 0:
			f.Closes = append(f.Closes, i)
		default:
			f.Borrows = append(f.Borrows, i)
		}
	}
}

// resultSummary records results that hand the caller a resource the
// function opened: every return gives nil or a fresh resource there.
func (c *checker) resultSummary(fb *funcBody, sig *types.Signature, f *Fact) {
	res := sig.Results()
	for i := 0; i < res.Len(); i++ {
		if _, ok := res.At(i).Type().Underlying().(*types.Signature); ok {
			// (conn, cleanup, err): the caller is handed a function that
			// releases the resource, and calls that, not its Close.
			return
		}
	}
	for i := 0; i < res.Len(); i++ {
		if _, ok := resourceOf(res.At(i).Type()); !ok {
			continue
		}
		fresh, all := 0, true
		ast.Inspect(fb.body, func(n ast.Node) bool {
			if !all {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				switch {
				case len(n.Results) == 0:
					if c.freshVar(fb, res.At(i)) {
						fresh++
					} else {
						all = false
					}
				case len(n.Results) == 1 && res.Len() > 1:
					if call, ok := ast.Unparen(n.Results[0]).(*ast.CallExpr); ok {
						if idx, _, ok := c.producer(call); ok && idx == i {
							fresh++
							break
						}
					}
					all = false
				case i < len(n.Results):
					e := ast.Unparen(n.Results[i])
					if isNil(e) {
						break
					}
					if call, ok := e.(*ast.CallExpr); ok {
						if idx, _, ok := c.producer(call); ok && idx == 0 {
							fresh++
							break
						}
					}
					if id, ok := e.(*ast.Ident); ok && c.freshVar(fb, c.varOf(id)) {
						fresh++
						break
					}
					all = false
				}
			}
			return true
		})
		if all && fresh > 0 {
			f.Returns = append(f.Returns, i)
		}
	}
}

// freshVar reports whether v is a local of fb (not a parameter) that is
// only ever given resources fb opens, or nil.
func (c *checker) freshVar(fb *funcBody, v *types.Var) bool {
	if v == nil || !isLocal(v, fb) {
		return false
	}
	if fb.typ.Params != nil {
		for _, fld := range fb.typ.Params.List {
			for _, nm := range fld.Names {
				if c.varOf(nm) == v {
					return false
				}
			}
		}
	}
	produced, ok := 0, true
	ast.Inspect(fb.body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		var lhs, rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, nm := range n.Names {
				lhs = append(lhs, nm)
			}
			rhs = n.Values
		case *ast.UnaryExpr:
			if n.Op == token.AND && c.refersTo(n.X, v) {
				ok = false // its address is taken
			}
			return true
		default:
			return true
		}
		for j, l := range lhs {
			if !c.refersTo(l, v) {
				continue
			}
			switch {
			case len(rhs) == 0:
			case len(rhs) == 1 && len(lhs) > 1:
				if c.producesAt(rhs[0], j) {
					produced++
				} else {
					ok = false
				}
			case len(rhs) == len(lhs):
				e := ast.Unparen(rhs[j])
				if isNil(e) {
					continue
				}
				if c.producesAt(e, 0) {
					produced++
				} else {
					ok = false
				}
			default:
				ok = false
			}
		}
		return true
	})
	return ok && produced > 0
}

// producesAt reports whether e is a call producing a resource as result i.
func (c *checker) producesAt(e ast.Expr, i int) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	idx, _, ok := c.producer(call)
	return ok && idx == i
}

// rootIdent returns the identifier at the root of a selector chain
// (s.db.pool -> s).
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			e = x.X
		default:
			return nil
		}
	}
}
