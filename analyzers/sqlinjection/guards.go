package sqlinjection

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/passes/sqlcall"
)

// A value checked against a fixed set before it is used is not reported:
// the usual ORDER BY allow-list is a map lookup or a switch, and a column
// name that passed a regexp or a validator is the programmer's decision.
// These checks are recognised by shape, in the function of the use.

// validated reports whether the value of ref (a variable or a field) at
// pos has been checked against a set: a lookup in a constant map, a
// comparison with a value, a switch over it, or a validating call (one
// that answers with a bool or an error) in an if condition. The check
// counts where it holds: inside the branch where it succeeded, or after
// an if whose failing branch leaves (return, continue, panic) or replaces
// the value. The tracer trusts such checks without judging them.
func (t *tracer) validated(ref ast.Expr, pos token.Pos) bool {
	for fn := t.funcAt(pos); fn != nil; fn = t.funcAt(fn.Pos() - 1) {
		for _, s := range t.guardStmts(fn) {
			if s.Pos() > pos {
				continue
			}
			switch s := s.(type) {
			case *ast.IfStmt:
				found, positive := t.polarity(s.Cond, ref, 0)
				if !found {
					continue
				}
				switch {
				case within(s.Body, pos):
					if positive {
						return true
					}
				case s.Else != nil && within(s.Else, pos):
					if !positive {
						return true
					}
				case s.End() <= pos:
					if !positive && (terminates(s.Body) || t.assigns(s.Body, ref)) {
						return true
					}
					if positive && s.Else != nil && (terminates(s.Else) || t.assigns(s.Else, ref)) {
						return true
					}
				}
			case *ast.SwitchStmt:
				for _, c := range s.Body.List {
					cc := c.(*ast.CaseClause)
					switch {
					case s.Tag != nil && t.sameRef(s.Tag, ref):
						if cc.List != nil && within(cc, pos) {
							return true
						}
						if cc.List == nil && s.End() <= pos && (terminatesList(cc.Body) || t.assigns(cc, ref)) {
							return true
						}
					case s.Tag == nil && within(cc, pos):
						for _, e := range cc.List {
							if found, positive := t.polarity(e, ref, 0); found && positive {
								return true
							}
						}
					}
				}
			}
		}
	}
	return false
}

// guardStmts returns the if and switch statements of a function, in order.
func (t *tracer) guardStmts(fn ast.Node) []ast.Stmt {
	if gs, ok := t.guards[fn]; ok {
		return gs
	}
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	var gs []ast.Stmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt, *ast.SwitchStmt:
			gs = append(gs, n.(ast.Stmt))
		}
		return true
	})
	t.guards[fn] = gs
	return gs
}

// sameRef reports whether e denotes the same variable or field as ref.
func (t *tracer) sameRef(e, ref ast.Expr) bool {
	e, ref = ast.Unparen(e), ast.Unparen(ref)
	switch r := ref.(type) {
	case *ast.Ident:
		id, ok := e.(*ast.Ident)
		return ok && t.info.Uses[id] != nil && t.info.Uses[id] == t.info.Uses[r]
	case *ast.SelectorExpr, *ast.IndexExpr:
		if types.ExprString(e) != types.ExprString(ref) {
			return false
		}
		a, _ := sqlcall.BaseOperand(e).(*ast.Ident)
		b, _ := sqlcall.BaseOperand(ref).(*ast.Ident)
		return a != nil && b != nil && t.info.Uses[a] == t.info.Uses[b]
	}
	return false
}

// polarity says whether a condition checks ref, and if so whether the
// condition being true means ref passed the check (positive) or failed it.
//
//	allowed[col], ok, valid(col), col == "name", re.MatchString(col): positive
//	!allowed[col], !ok, col != "name", validate(col) != nil, err != nil: negative
func (t *tracer) polarity(cond ast.Expr, ref ast.Expr, depth int) (found, positive bool) {
	if depth > 8 {
		return false, false
	}
	switch x := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			f, p := t.polarity(x.X, ref, depth+1)
			return f, !p
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.LAND, token.LOR:
			if f, p := t.polarity(x.X, ref, depth+1); f {
				return f, p
			}
			return t.polarity(x.Y, ref, depth+1)
		case token.EQL, token.NEQ:
			eq := x.Op == token.EQL
			if t.sameRef(x.X, ref) && t.comparand(x.Y) || t.sameRef(x.Y, ref) && t.comparand(x.X) {
				return true, eq
			}
			// validate(col) != nil, err != nil
			for _, side := range []ast.Expr{x.X, x.Y} {
				if !t.info.Types[side].IsNil() {
					continue
				}
				other := x.X
				if other == side {
					other = x.Y
				}
				if t.checksError(other, ref, depth) {
					return true, eq
				}
			}
		}
	case *ast.IndexExpr:
		if t.sameRef(x.Index, ref) && t.constMap(x.X) {
			return true, true // allowed[col]
		}
	case *ast.CallExpr:
		if t.validatorCall(x, ref, isBool) {
			return true, true
		}
	case *ast.Ident:
		// ok from `_, ok := allowed[col]` or `ok := valid(col)`
		v, isVar := t.info.Uses[x].(*types.Var)
		if !isVar || !isBool(v.Type()) || t.busy[v] {
			return false, false
		}
		vd := t.vars[v]
		if vd == nil {
			return false, false
		}
		t.busy[v] = true
		defer delete(t.busy, v)
		for _, d := range vd.defs {
			switch rhs := ast.Unparen(d.rhs).(type) {
			case *ast.IndexExpr:
				if d.kind == defTuple && d.index == 1 && t.sameRef(rhs.Index, ref) && t.constMap(rhs.X) {
					return true, true
				}
			case *ast.CallExpr:
				if t.validatorCall(rhs, ref, isBool) {
					return true, true
				}
			}
			if d.kind == defAssign && d.rhs != nil {
				if f, p := t.polarity(d.rhs, ref, depth+1); f {
					return f, p
				}
			}
		}
	}
	return false, false
}

// checksError reports whether e is an error from validating ref:
// validate(col), or err from `err := validate(col)`.
func (t *tracer) checksError(e ast.Expr, ref ast.Expr, depth int) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return t.validatorCall(x, ref, isError)
	case *ast.Ident:
		v, ok := t.info.Uses[x].(*types.Var)
		if !ok || !isError(v.Type()) || t.vars[v] == nil {
			return false
		}
		for _, d := range t.vars[v].defs {
			if call, ok := ast.Unparen(d.rhs).(*ast.CallExpr); ok && (d.kind == defAssign || d.kind == defTuple) && t.validatorCall(call, ref, isError) {
				return true
			}
		}
	}
	return false
}

// constMap reports whether a map holds a fixed set: a map literal (local or
// package-level) with constant keys that nothing else writes to.
func (t *tracer) constMap(m ast.Expr) bool {
	m = ast.Unparen(m)
	if lit, ok := m.(*ast.CompositeLit); ok {
		return t.constKeys(lit)
	}
	v := t.localVar(m)
	if v == nil || t.vars[v] == nil {
		return false
	}
	for _, d := range t.vars[v].defs {
		lit := compositeOf(d.rhs)
		if d.kind != defAssign || lit == nil || !t.constKeys(lit) {
			return false
		}
	}
	return true
}

func (t *tracer) constKeys(lit *ast.CompositeLit) bool {
	if _, ok := t.info.TypeOf(lit).Underlying().(*types.Map); !ok {
		return false
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok || t.info.Types[kv.Key].Value == nil {
			return false
		}
	}
	return true
}

// NotValidators are predicates that take a value without constraining it
// to a set: a prefix or a substring says nothing of the rest.
var NotValidators = map[string]bool{
	"strings.HasPrefix":        true,
	"strings.HasSuffix":        true,
	"strings.Contains":         true,
	"strings.ContainsAny":      true,
	"strings.ContainsRune":     true,
	"strings.ContainsFunc":     true,
	"strings.Count":            true,
	"unicode/utf8.ValidString": true,
}

// validatorCall reports whether a call takes ref and answers with a bool
// or an error (as ok says): slices.Contains(allowed, col),
// re.MatchString(col), validate(col).
func (t *tracer) validatorCall(call *ast.CallExpr, ref ast.Expr, ok func(types.Type) bool) bool {
	takes := false
	for _, a := range call.Args {
		if t.sameRef(a, ref) {
			takes = true
		}
	}
	if !takes {
		return false
	}
	if tv := t.info.Types[call.Fun]; tv.IsType() || tv.IsBuiltin() {
		return false
	}
	if fn := typeutil.StaticCallee(t.info, call); fn != nil && NotValidators[fn.FullName()] {
		return false
	}
	switch r := t.info.TypeOf(call).(type) {
	case *types.Tuple:
		return r.Len() > 0 && ok(r.At(r.Len()-1).Type())
	default:
		return r != nil && ok(r)
	}
}

// comparand reports whether comparing with x checks a value against
// something (not against "" or nil, which only checks presence).
func (t *tracer) comparand(x ast.Expr) bool {
	tv := t.info.Types[x]
	if tv.IsNil() {
		return false
	}
	if tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == "" {
		return false
	}
	return true
}

func isBool(typ types.Type) bool {
	b, ok := typ.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

func isError(typ types.Type) bool {
	return types.Identical(typ, types.Universe.Lookup("error").Type())
}

// terminates reports whether a branch leaves: its last statement returns,
// panics, exits, or jumps.
func terminates(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.BlockStmt:
		return terminatesList(s.List)
	case *ast.IfStmt:
		return terminates(s.Body) && s.Else != nil && terminates(s.Else)
	}
	return terminatesList([]ast.Stmt{s})
}

func terminatesList(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch s := list[len(list)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.BlockStmt:
		return terminatesList(s.List)
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		name := types.ExprString(call.Fun)
		if name == "panic" || name == "os.Exit" || strings.HasPrefix(name, "log.Fatal") || strings.HasPrefix(name, "log.Panic") {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (strings.HasPrefix(sel.Sel.Name, "Fatal") || strings.HasPrefix(sel.Sel.Name, "Panic")) {
			return true
		}
	}
	return false
}

// assigns reports whether n assigns ref (if !allowed[col] { col = "id" }).
func (t *tracer) assigns(n ast.Node, ref ast.Expr) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if t.sameRef(l, ref) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
