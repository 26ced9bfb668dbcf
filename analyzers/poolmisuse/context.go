package poolmisuse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// checkContext reports database/sql and sqlx calls made without their
// Context variant while a context is in scope (missing-context), with a
// fix that switches to the variant and passes the context.
func (c *checker) checkContext() {
	c.in.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn := typeutil.StaticCallee(c.info, call)
		if fn == nil || fn.Pkg() == nil {
			return
		}
		sig, _ := fn.Type().(*types.Signature)
		if sig == nil {
			return
		}
		var (
			nameID  *ast.Ident
			variant ctxVariant
		)
		if sig.Recv() != nil {
			v, ok := contextVariants[fn.Pkg().Path()][fn.Name()]
			sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || !isSel {
				return
			}
			if s := c.info.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
				return
			}
			obj, _, _ := types.LookupFieldOrMethod(c.info.TypeOf(sel.X), true, c.pass.Pkg, v.name)
			if !takesContext(obj) {
				return
			}
			nameID, variant = sel.Sel, v
		} else {
			name, ok := contextFuncVariants[fn.FullName()]
			if !ok {
				return
			}
			if !takesContext(fn.Pkg().Scope().Lookup(name)) {
				return
			}
			switch f := ast.Unparen(call.Fun).(type) {
			case *ast.SelectorExpr:
				nameID = f.Sel
			case *ast.Ident:
				nameID = f
			default:
				return
			}
			variant = ctxVariant{name: name}
		}
		ctx := c.contextInScope(call.Pos())
		if ctx == "" {
			return
		}
		insert := ctx
		if variant.extra != "" {
			insert += ", " + variant.extra
		}
		if len(call.Args) > 0 {
			insert += ", "
		}
		msg := fmt.Sprintf("%s does not take a context although %s is in scope: the query goes on after the request is canceled or its deadline passes; use %s(%s, ...)",
			calleeName(call), ctx, variant.name, ctx)
		c.r.ReportNode("missing-context", call, msg, analysis.SuggestedFix{
			Message: "Use " + variant.name,
			TextEdits: []analysis.TextEdit{
				{Pos: nameID.Pos(), End: nameID.End(), NewText: []byte(variant.name)},
				{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(insert)},
			},
		})
	})
}

// takesContext reports whether obj is a function whose first parameter
// is a context.Context.
func takesContext(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	return sig.Params().Len() > 0 && isContextType(sig.Params().At(0).Type())
}

// contextInScope returns an expression for a context available at pos:
// a context.Context variable declared before pos (the innermost, "ctx"
// preferred), else the Context() of an *http.Request; "" when none.
func (c *checker) contextInScope(pos token.Pos) string {
	pkgScope := c.pass.Pkg.Scope()
	scope := pkgScope.Innermost(pos)
	var request string
	for s := scope; s != nil && s != pkgScope && s != types.Universe; s = s.Parent() {
		var found []string
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || name == "_" || v.Pos() >= pos {
				continue
			}
			if _, obj := scope.LookupParent(name, pos); obj != v {
				continue // shadowed
			}
			switch {
			case isContextType(v.Type()):
				found = append(found, name)
			case request == "" && types.TypeString(v.Type(), nil) == "*net/http.Request":
				request = name + ".Context()"
			}
		}
		if len(found) > 0 {
			sort.Slice(found, func(i, j int) bool { return found[i] == "ctx" || (found[j] != "ctx" && found[i] < found[j]) })
			return found[0]
		}
	}
	return request
}
