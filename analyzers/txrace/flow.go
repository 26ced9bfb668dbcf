package txrace

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// This file follows, in source order and without regard to branches,
// how values read from the database flow through a function's locals
// until they are passed to a later statement.

// place is a variable or a field path in it (acct.Balance).
type place struct {
	v    *types.Var
	path string // "" for the variable itself, else "f" or "f.g"
}

// taint says a value came from columns read by a SELECT.
type taint struct {
	cols map[string]bool
	// computed: the value was changed in Go after the read (arithmetic,
	// append, a call, an op-assignment), not merely copied.
	computed bool
	// op is the arithmetic operator the value was computed with when it
	// is `read op x` ("-" for balance - amount), for the remedy.
	op string
}

// flow is the taint state at one point of a function.
type flow struct {
	info   *types.Info
	taints map[place]*taint
}

// placeOf returns the place an expression names: x, x.f, x.f.g.
func placeOf(info *types.Info, e ast.Expr) (place, bool) {
	var path []string
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[x]; !ok || sel.Kind() != types.FieldVal {
				return place{}, false
			}
			path = append([]string{x.Sel.Name}, path...)
			e = x.X
			continue
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			if v == nil {
				v, _ = info.Defs[x].(*types.Var)
			}
			if v == nil || v.IsField() {
				return place{}, false
			}
			return place{v: v, path: strings.Join(path, ".")}, true
		}
		return place{}, false
	}
}

// targetPlace returns the place a Scan target (&x, &x.f) writes.
func targetPlace(info *types.Info, e ast.Expr) (place, bool) {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return placeOf(info, u.X)
	}
	return place{}, false
}

// overlaps reports whether two places share storage: one is the other or
// contains it.
func (p place) overlaps(q place) bool {
	if p.v != q.v {
		return false
	}
	return p.path == q.path || p.path == "" || q.path == "" ||
		strings.HasPrefix(p.path, q.path+".") || strings.HasPrefix(q.path, p.path+".")
}

// mentions returns the taints of the places an expression reads.
func (f *flow) mentions(e ast.Expr) []*taint {
	var out []*taint
	seen := map[*taint]bool{}
	ast.Inspect(e, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr, *ast.Ident:
			p, ok := placeOf(f.info, x.(ast.Expr))
			if !ok {
				return true
			}
			for q, t := range f.taints {
				if q.overlaps(p) && !seen[t] {
					seen[t] = true
					out = append(out, t)
				}
			}
			return false
		}
		return true
	})
	return out
}

// bare reports whether e is a place, possibly converted (int64(x)): a
// copy of a value, not a computation.
func bare(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
			return bare(info, call.Args[0])
		}
		return false
	}
	_, ok := placeOf(info, e)
	return ok
}

// merge combines the taints an expression reads into the taint of the
// value it computes.
func merge(info *types.Info, e ast.Expr, ts []*taint) *taint {
	if len(ts) == 0 {
		return nil
	}
	out := &taint{cols: map[string]bool{}, computed: !bare(info, e)}
	for _, t := range ts {
		for c := range t.cols {
			out.cols[c] = true
		}
		out.computed = out.computed || t.computed
		if out.op == "" {
			out.op = t.op
		}
	}
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok {
		switch b.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO:
			out.op = b.Op.String()
		}
	}
	return out
}

// set records that p now holds a value with taint t (nil: a value not
// read from the database), forgetting what p and its fields held.
func (f *flow) set(p place, t *taint) {
	for q := range f.taints {
		if q.v == p.v && (q.path == p.path || strings.HasPrefix(q.path, p.path+".") || p.path == "") {
			delete(f.taints, q)
		}
	}
	if t != nil {
		f.taints[p] = t
	}
}

// compute marks every taint of places overlapping p as computed.
func (f *flow) compute(p place, op string) {
	for q, t := range f.taints {
		if q.overlaps(p) {
			nt := *t
			nt.computed = true
			if op != "" {
				nt.op = op
			}
			f.taints[q] = &nt
		}
	}
}

// step applies the assignments, increments and mutating calls of a
// function body that lie in [from, to), in source order.
func (f *flow) step(body ast.Node, from, to token.Pos) {
	inspectOwn(body, func(n ast.Node) bool {
		if n.End() <= from || n.Pos() >= to {
			return false
		}
		switch x := n.(type) {
		case *ast.AssignStmt:
			if x.Pos() < from || x.End() > to {
				return true
			}
			f.assign(x)
			return false
		case *ast.IncDecStmt:
			if p, ok := placeOf(f.info, x.X); ok && x.Pos() >= from {
				op := "+"
				if x.Tok == token.DEC {
					op = "-"
				}
				f.compute(p, op)
			}
		case *ast.CallExpr:
			if x.Pos() < from {
				return true
			}
			// acct.Withdraw(amount) with a pointer receiver, or
			// apply(&acct): the call may change what was read.
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
				if s, ok := f.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
					if sig, ok := s.Obj().Type().(*types.Signature); ok && sig.Recv() != nil {
						if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
							if p, ok := placeOf(f.info, sel.X); ok {
								f.compute(p, "")
							}
						}
					}
				}
			}
			// json.Unmarshal(data, &doc): a call given a value read and a
			// pointer fills the pointee from it.
			var from []*taint
			for _, a := range x.Args {
				if _, ok := targetPlace(f.info, a); !ok {
					from = append(from, f.mentions(a)...)
				}
			}
			for _, a := range x.Args {
				p, ok := targetPlace(f.info, a)
				if !ok {
					continue
				}
				if _, tainted := f.taintOf(p); tainted {
					f.compute(p, "")
				} else if t := merge(f.info, x, from); t != nil {
					t.computed = true
					f.taints[p] = t
				}
			}
		}
		return true
	})
}

func (f *flow) assign(as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
		// x -= amount
		if len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return
		}
		p, ok := placeOf(f.info, as.Lhs[0])
		if !ok {
			return
		}
		op := strings.TrimSuffix(as.Tok.String(), "=")
		if _, tainted := f.taintOf(p); tainted {
			f.compute(p, op)
		} else if t := merge(f.info, as.Rhs[0], f.mentions(as.Rhs[0])); t != nil {
			t.computed = true
			f.taints[p] = t
		}
		return
	}
	// Compute every right-hand side before assigning (a, b = b, a).
	news := make([]*taint, len(as.Lhs))
	for i := range as.Lhs {
		rhs := as.Rhs[0]
		if len(as.Rhs) == len(as.Lhs) {
			rhs = as.Rhs[i]
		}
		news[i] = merge(f.info, rhs, f.mentions(rhs))
		if news[i] != nil && len(as.Rhs) != len(as.Lhs) {
			news[i].computed = true // a call's results
		}
	}
	for i, lhs := range as.Lhs {
		if p, ok := placeOf(f.info, lhs); ok {
			f.set(p, news[i])
		}
	}
}

func (f *flow) taintOf(p place) (*taint, bool) {
	for q, t := range f.taints {
		if q.overlaps(p) {
			return t, true
		}
	}
	return nil, false
}
