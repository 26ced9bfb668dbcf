package txrace

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/dblint/dblint/passes/sqlcall"
)

// serializableWithoutRetry reports SERIALIZABLE transactions that nothing
// retries: not a loop around the transaction, not a check for SQLSTATE
// 40001, not a retry helper it is passed to, in the function or in its
// callers in the package (one level).
func (c *checker) serializableWithoutRetry() {
	seen := map[ast.Node]bool{}
	for _, n := range c.serializable {
		if seen[n] {
			continue
		}
		seen[n] = true
		file := c.pass.Fset.Position(n.Pos()).Filename
		if strings.HasSuffix(file, "_test.go") || sqlcall.OtherEngine(c.pass.Pkg.Path(), file) != "" {
			continue // tests; another engine's transactions
		}
		cur, ok := c.in.Root().FindNode(n)
		if !ok || c.retriedAt(cur) {
			continue
		}
		decl := enclosingDecl(cur)
		if decl != nil && c.retriedByCallers(decl) {
			continue
		}
		c.r.Report(ruleNoRetry, n.Pos(), n.Pos(), "transaction begun at SERIALIZABLE is never retried: serialization failures (SQLSTATE 40001) are expected under SERIALIZABLE; retry the whole transaction when it fails with 40001")
	}
}

func enclosingDecl(cur inspector.Cursor) *ast.FuncDecl {
	for d := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return d.Node().(*ast.FuncDecl)
	}
	return nil
}

// retriedAt reports whether the code at cur runs under a retry: a loop
// around it, a function literal around it passed to a retry helper, or a
// check for SQLSTATE 40001 in its function declaration.
func (c *checker) retriedAt(cur inspector.Cursor) bool {
	for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := enc.Node().(type) {
		case *ast.ForStmt:
			return true
		case *ast.RangeStmt:
			// for attempt := range 3 is a retry loop; ranging over rows
			// of work is not.
			if t := c.pass.TypesInfo.TypeOf(n.X); t != nil {
				if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
					return true
				}
			}
		case *ast.FuncLit:
			if k, _ := enc.ParentEdge(); k == edge.CallExpr_Args && c.isRetryHelper(enc.Parent().Node().(*ast.CallExpr)) {
				return true
			}
		case *ast.FuncDecl:
			if c.checksSerializationFailure(n.Body) {
				return true
			}
		}
	}
	return false
}

// retriedByCallers reports whether a caller of decl in this package
// retries it: calls it under a retry, or passes it to a retry helper.
func (c *checker) retriedByCallers(decl *ast.FuncDecl) bool {
	obj := c.pass.TypesInfo.Defs[decl.Name]
	if obj == nil {
		return false
	}
	for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] != obj {
			continue
		}
		ref := cur
		if k, _ := ref.ParentEdge(); k == edge.SelectorExpr_Sel {
			ref = ref.Parent()
		}
		switch k, _ := ref.ParentEdge(); k {
		case edge.CallExpr_Fun:
			if c.retriedAt(ref.Parent()) {
				return true
			}
		case edge.CallExpr_Args:
			if c.isRetryHelper(ref.Parent().Node().(*ast.CallExpr)) {
				return true
			}
		}
	}
	return false
}

// isRetryHelper reports whether a call runs its function argument again
// on failure: its name, or its package's, says retry, or it is a known
// retrying helper.
func (c *checker) isRetryHelper(call *ast.CallExpr) bool {
	if fn := c.calleeOf(call); fn != nil {
		if retryingHelpers[fn.FullName()] {
			return true
		}
		// retry.Do(ctx, fn) of a retry library (github.com/avast/retry-go).
		if pkg := fn.Pkg(); pkg != nil && pkg != c.pass.Pkg && strings.Contains(strings.ToLower(libraryName(pkg.Path())), "retry") {
			return true
		}
	}
	var name string
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	case *ast.IndexExpr: // a generic helper: retry[T](...)
		if id, ok := f.X.(*ast.Ident); ok {
			name = id.Name
		}
	}
	return strings.Contains(strings.ToLower(name), "retry")
}

// checksSerializationFailure reports whether a function body compares an
// error code with 40001 (pgconn.PgError Code, pgerrcode.SerializationFailure
// or the literal) or calls a function that checks for it.
func (c *checker) checksSerializationFailure(body *ast.BlockStmt) bool {
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case ast.Expr:
			if tv, ok := c.pass.TypesInfo.Types[x]; ok && tv.Value != nil && tv.Value.Kind() == constant.String &&
				constant.StringVal(tv.Value) == serializationFailure {
				found = true
				return false
			}
			if call, ok := x.(*ast.CallExpr); ok {
				if fn := c.calleeOf(call); fn != nil && serializationCheckNames[fn.FullName()] {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// libraryName is the last element of an import path that is not a major
// version suffix: "retry-go" for github.com/avast/retry-go/v4.
func libraryName(path string) string {
	parts := strings.Split(path, "/")
	for i := len(parts) - 1; i > 0; i-- {
		if p := parts[i]; len(p) < 2 || p[0] != 'v' || strings.Trim(p[1:], "0123456789") != "" {
			return p
		}
	}
	return parts[0]
}
