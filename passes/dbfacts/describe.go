package dbfacts

import (
	"go/ast"
	"go/constant"
	"go/printer"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// sqlWidth is how much of a statement a fact keeps.
const sqlWidth = 60

// keyFragment matches a GORM condition on one column: "user_id = ?".
var keyFragment = regexp.MustCompile(`^\s*(?:"?\w+"?\.)?"?(\w+)"?\s*=\s*(?:\?|@\w+)\s*$`)

var holeMarker = regexp.MustCompile(regexp.QuoteMeta(sqlcall.DynPrefix) + `[0-9]+__`)

// describer turns the calls sqlcall found into statements.
type describer struct {
	fset *token.FileSet
	info *types.Info
	res  *sqlcall.Result
	// raw maps a GORM finisher to the Raw call earlier in its chain, whose
	// text is the statement it runs (db.Raw(q, id).Scan(&x)).
	raw map[*sqlcall.Call]*sqlcall.Call
	// absorbed are Raw calls a finisher runs: not statements of their own.
	absorbed map[*sqlcall.Call]bool
}

func newDescriber(fset *token.FileSet, info *types.Info, res *sqlcall.Result) *describer {
	d := &describer{fset: fset, info: info, res: res, raw: map[*sqlcall.Call]*sqlcall.Call{}, absorbed: map[*sqlcall.Call]bool{}}
	for _, c := range res.Calls {
		if c.API != sqlcall.Gorm || c.Kind != sqlcall.KindORM {
			continue
		}
		for _, link := range d.chain(c.Expr) {
			if rc := res.ByExpr[link]; rc != nil && rc.Kind == sqlcall.KindQuery {
				d.raw[c] = rc
				d.absorbed[rc] = true
				break
			}
		}
	}
	return d
}

// chain returns the calls a method call is chained on, nearest first:
// for db.Table("t").Where(...).Find(&x), [Where(...), Table("t")].
func (d *describer) chain(call *ast.CallExpr) []*ast.CallExpr {
	var out []*ast.CallExpr
	for e := call.Fun; ; {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return out
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return out
		}
		out = append(out, inner)
		e = inner.Fun
	}
}

// runs reports whether the call sends a statement when it is made.
func (d *describer) runs(c *sqlcall.Call) bool {
	return runsSQL[c.Kind] && !d.absorbed[c]
}

// direct describes the statement a call of sqlcall runs.
func (d *describer) direct(c *sqlcall.Call) *QueriesFact {
	f := &QueriesFact{API: string(c.API), Receiver: string(c.Receiver)}
	text := c
	if c.Kind == sqlcall.KindORM {
		if rc := d.raw[c]; rc != nil {
			text = rc
		} else {
			d.orm(c.Expr, c.Callee, f)
			return f
		}
	}
	if len(text.Queries) == 0 {
		// Unresolved: a query runs, its text is not known.
		f.Write = c.Kind == sqlcall.KindExec || c.Kind == sqlcall.KindNamedExec
		return f
	}
	q := &text.Queries[0]
	f.SQL = compactSQL(holeMarker.ReplaceAllString(sqlcall.StripLeadingComments(q.Text), "..."), sqlWidth)
	if slices.Contains(q.Rewrites, "sqlx.In") {
		f.Batched = true
	}
	if c.API == sqlcall.Gorm && d.sliceArg(text.Args) {
		f.Batched = true // GORM expands a slice bound to ? into a list
	}
	if q.Stmt == nil {
		f.Command = strings.ToUpper(firstWord(sqlcall.StripLeadingComments(q.Text)))
		f.Write = isWriteCommand[f.Command]
		return f
	}
	statement(q.Stmt.Node, f)
	return f
}

// orm describes a GORM finisher without SQL text of its own.
func (d *describer) orm(call *ast.CallExpr, callee *types.Func, f *QueriesFact) {
	name := ""
	if callee != nil {
		name = callee.FullName()
	}
	f.Command = ormCommands[name]
	if f.Command == "" {
		f.Command = extraFinishers[name]
	}
	if f.Command == "" {
		f.Command = "SELECT"
	}
	f.Write = f.Command != "SELECT"
	f.SQL = report.Shorten(d.source(call), sqlWidth)
	write := f.Write
	for _, a := range call.Args {
		if d.isSlice(a, write) {
			f.Batched = true
		}
	}
	for _, link := range d.chain(call) {
		fn := calleeOf(d.info, link)
		if fn == nil {
			continue
		}
		if fn.FullName() == gormTable && len(link.Args) > 0 {
			if tv := d.info.Types[link.Args[0]]; tv.Value != nil && tv.Value.Kind() == constant.String {
				f.Table = constant.StringVal(tv.Value)
			}
		}
		if lc := d.res.ByExpr[link]; lc != nil && lc.Kind == sqlcall.KindFragment {
			if d.sliceArg(lc.Args) {
				f.Batched = true // Where("id IN ?", ids)
			}
			if len(lc.Queries) > 0 {
				if m := keyFragment.FindStringSubmatch(lc.Queries[0].Text); m != nil {
					f.Key = m[1] // Where("user_id = ?", id)
				}
			}
		}
	}
}

// source prints an expression as written.
func (d *describer) source(e ast.Expr) string {
	var b strings.Builder
	if err := printer.Fprint(&b, d.fset, e); err != nil {
		return types.ExprString(e)
	}
	return b.String()
}

func (d *describer) sliceArg(args []ast.Expr) bool {
	for _, a := range args {
		if d.isSlice(a, false) {
			return true
		}
	}
	return false
}

// isSlice reports whether e is a slice (not []byte) or, when ptr is set, a
// pointer to one: a set of keys or rows passed in one call.
func (d *describer) isSlice(e ast.Expr, ptr bool) bool {
	t := d.info.TypeOf(e)
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok && ptr {
		t = p.Elem()
	}
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	if b, ok := s.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
		return false
	}
	return true
}

// compactSQL shortens a statement to about width bytes on one line. A
// long SELECT list goes first, so the table and the WHERE stay in view:
// "SELECT ... FROM customers WHERE id = $1".
func compactSQL(text string, width int) string {
	t := strings.Join(strings.Fields(text), " ")
	if len(t) > width && len(t) > 7 && strings.EqualFold(t[:7], "SELECT ") {
		if i := topLevelFrom(t); i > 0 {
			t = "SELECT ..." + t[i:]
		}
	}
	return report.Shorten(t, width)
}

// topLevelFrom returns the offset of the first " FROM " outside
// parentheses and quotes in t, or -1.
func topLevelFrom(t string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(t); i++ {
		ch := t[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '(':
			depth++
		case ch == ')':
			depth--
		case depth == 0 && ch == ' ' && i+6 <= len(t) && strings.EqualFold(t[i:i+6], " FROM "):
			return i
		}
	}
	return -1
}

var isWriteCommand = map[string]bool{"INSERT": true, "UPDATE": true, "DELETE": true, "MERGE": true}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return strings.Trim(f[0], "(;")
	}
	return ""
}

// readsTable reports whether a statement names a table anywhere (SELECT
// EXISTS (SELECT 1 FROM entries ...) has no FROM of its own).
func readsTable(n *pgsql.Node) bool {
	found := false
	pgsql.Inspect(n, func(x *pgsql.Node) bool {
		if x.GetRangeVar() != nil {
			found = true
		}
		return !found
	})
	return found
}

// statement fills the command, table, key and batching of a parsed
// statement. It reads the parse tree: sqlschema.Bind resolves nothing
// without a catalog, and facts must not depend on the schema.
func statement(n *pgsql.Node, f *QueriesFact) {
	ctes := map[string]bool{}
	var with []*pgsql.Node
	switch {
	case n.GetSelectStmt() != nil:
		s := n.GetSelectStmt()
		f.Command = "SELECT"
		with = s.GetWithClause().GetCtes()
		f.Table = firstRelation(s.GetFromClause(), nil)
		f.Scalar = len(s.GetFromClause()) == 0 && len(s.GetValuesLists()) == 0 && s.GetLarg() == nil && !readsTable(n)
	case n.GetInsertStmt() != nil:
		s := n.GetInsertStmt()
		f.Command, f.Write = "INSERT", true
		with = s.GetWithClause().GetCtes()
		f.Table = relName(s.GetRelation())
		if len(s.GetSelectStmt().GetSelectStmt().GetValuesLists()) > 1 {
			f.Batched = true // a multi-row VALUES list
		}
	case n.GetUpdateStmt() != nil:
		s := n.GetUpdateStmt()
		f.Command, f.Write = "UPDATE", true
		with = s.GetWithClause().GetCtes()
		f.Table = relName(s.GetRelation())
	case n.GetDeleteStmt() != nil:
		s := n.GetDeleteStmt()
		f.Command, f.Write = "DELETE", true
		with = s.GetWithClause().GetCtes()
		f.Table = relName(s.GetRelation())
	case n.GetMergeStmt() != nil:
		f.Command, f.Write = "MERGE", true
		f.Table = relName(n.GetMergeStmt().GetRelation())
	default:
		// SET, LOCK, DDL, CALL...: not a row write the remedies apply to.
		f.Command = strings.ToUpper(firstWord(f.SQL))
	}
	for _, c := range with {
		ctes[c.GetCommonTableExpr().GetCtename()] = true
	}
	if f.Table == "" || ctes[f.Table] {
		f.Table = firstRelation([]*pgsql.Node{n}, ctes)
	}
	pgsql.Inspect(n, func(x *pgsql.Node) bool {
		switch {
		case x.GetInsertStmt() != nil, x.GetUpdateStmt() != nil, x.GetDeleteStmt() != nil:
			if x != n && !f.Write {
				f.Write = true // WITH d AS (DELETE ... RETURNING *) SELECT ...
			}
		case x.GetAExpr() != nil:
			e := x.GetAExpr()
			switch e.GetKind() {
			case pgsql.A_Expr_Kind_AEXPR_OP_ANY, pgsql.A_Expr_Kind_AEXPR_OP_ALL:
				if isParam(e.GetRexpr()) {
					f.Batched = true
				}
			case pgsql.A_Expr_Kind_AEXPR_OP:
				if f.Key == "" && opName(e) == "=" {
					if col := columnName(e.GetLexpr()); col != "" && isParam(e.GetRexpr()) {
						f.Key = col
					} else if col := columnName(e.GetRexpr()); col != "" && isParam(e.GetLexpr()) {
						f.Key = col
					}
				}
			}
		case x.GetFuncCall() != nil:
			fc := x.GetFuncCall()
			if names := pgsql.Strings(fc.GetFuncname()); len(names) > 0 && names[len(names)-1] == "unnest" {
				for _, a := range fc.GetArgs() {
					if isParam(a) {
						f.Batched = true
					}
				}
			}
		}
		return true
	})
}

// firstRelation returns the first table named below the nodes that is not
// a CTE.
func firstRelation(nodes []*pgsql.Node, ctes map[string]bool) string {
	name := ""
	pgsql.InspectAll(nodes, func(x *pgsql.Node) bool {
		if name != "" {
			return false
		}
		if rv := x.GetRangeVar(); rv != nil && !ctes[rv.GetRelname()] {
			name = relName(rv)
			return false
		}
		return true
	})
	return name
}

func relName(rv *pgsql.RangeVar) string {
	name := rv.GetRelname()
	if name == "" || strings.Contains(name, sqlcall.DynPrefix) {
		return ""
	}
	if s := rv.GetSchemaname(); s != "" && s != "public" && !strings.Contains(s, sqlcall.DynPrefix) {
		return s + "." + name
	}
	return name
}

func isParam(n *pgsql.Node) bool {
	for n.GetTypeCast() != nil {
		n = n.GetTypeCast().GetArg()
	}
	return n.GetParamRef() != nil
}

func columnName(n *pgsql.Node) string {
	for n.GetTypeCast() != nil {
		n = n.GetTypeCast().GetArg()
	}
	cr := n.GetColumnRef()
	if cr == nil {
		return ""
	}
	fields := cr.GetFields()
	if len(fields) == 0 {
		return ""
	}
	return pgsql.StringValue(fields[len(fields)-1])
}

func opName(e *pgsql.A_Expr) string {
	names := pgsql.Strings(e.GetName())
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}
