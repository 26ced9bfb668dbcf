package txrace

import (
	"go/ast"
	"strings"

	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// This file reads the few statement shapes the rules are about from the
// parse tree: a one-table SELECT with equality filters, an UPDATE whose
// SET assigns parameters, a one-row INSERT.

// relName is a table as a statement names it.
type relName struct{ schema, name string }

func (r relName) same(o relName) bool {
	if r.name != o.name {
		return false
	}
	a, b := r.schema, o.schema
	if a == "" {
		a = "public"
	}
	if b == "" {
		b = "public"
	}
	return a == b
}

func (r relName) String() string { return sqlschema.QualifiedName(r.schema, r.name) }

func relOf(rv *pgsql.RangeVar) relName {
	return relName{schema: rv.GetSchemaname(), name: rv.GetRelname()}
}

// aliasOf is the name a statement uses for a table reference.
func aliasOf(rv *pgsql.RangeVar) string {
	if a := rv.GetAlias().GetAliasname(); a != "" {
		return a
	}
	return rv.GetRelname()
}

// eqPred is a `column = value` conjunct.
type eqPred struct {
	col   string
	param int    // $n of the value; 0 when the value is not a parameter
	konst string // the constant, deparsed, when the value is one
	node  *pgsql.Node
}

// conjuncts flattens the top-level ANDs of a WHERE clause.
func conjuncts(n *pgsql.Node) []*pgsql.Node {
	if n == nil {
		return nil
	}
	if be := n.GetBoolExpr(); be != nil && be.GetBoolop() == pgsql.BoolExprType_AND_EXPR {
		var out []*pgsql.Node
		for _, a := range be.GetArgs() {
			out = append(out, conjuncts(a)...)
		}
		return out
	}
	return []*pgsql.Node{n}
}

// columnOf returns the column a reference names when it belongs to the
// table known in the statement as alias (or is unqualified).
func columnOf(n *pgsql.Node, alias string) string {
	cr := unwrapCast(n).GetColumnRef()
	if cr == nil {
		return ""
	}
	f := cr.GetFields()
	switch len(f) {
	case 1:
		return f[0].GetString_().GetSval()
	case 2:
		if f[0].GetString_().GetSval() == alias {
			return f[1].GetString_().GetSval()
		}
	}
	return ""
}

func unwrapCast(n *pgsql.Node) *pgsql.Node {
	for n != nil && n.GetTypeCast() != nil {
		n = n.GetTypeCast().GetArg()
	}
	return n
}

// paramOf returns n of a $n (through casts), or 0.
func paramOf(n *pgsql.Node) int {
	if p := unwrapCast(n).GetParamRef(); p != nil {
		return int(p.GetNumber())
	}
	return 0
}

// constOf returns a constant's text (through casts), or "".
func constOf(n *pgsql.Node) string {
	if ac := unwrapCast(n).GetAConst(); ac != nil && !ac.GetIsnull() {
		return pgsql.DeparseExpr(unwrapCast(n))
	}
	return ""
}

// eqOf reads `col = $n`, `col = 'const'` (either way round).
func eqOf(n *pgsql.Node, alias string) (eqPred, bool) {
	ae := n.GetAExpr()
	if ae == nil || ae.GetKind() != pgsql.A_Expr_Kind_AEXPR_OP || len(ae.GetName()) != 1 || ae.GetName()[0].GetString_().GetSval() != "=" {
		return eqPred{}, false
	}
	l, r := ae.GetLexpr(), ae.GetRexpr()
	if columnOf(l, alias) == "" {
		l, r = r, l
	}
	col := columnOf(l, alias)
	if col == "" {
		return eqPred{}, false
	}
	p := eqPred{col: col, param: paramOf(r), konst: constOf(r), node: n}
	if p.param == 0 && p.konst == "" {
		return eqPred{}, false
	}
	return p, true
}

// columnsIn lists the column names referenced in n.
func columnsIn(n *pgsql.Node) []string {
	var out []string
	pgsql.Inspect(n, func(m *pgsql.Node) bool {
		if cr := m.GetColumnRef(); cr != nil {
			f := cr.GetFields()
			if len(f) > 0 {
				if s := f[len(f)-1].GetString_(); s != nil {
					out = append(out, s.GetSval())
				}
			}
		}
		return true
	})
	return out
}

// locks reports whether a SELECT locks the rows it reads against
// updates (FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE; FOR KEY SHARE does
// not block an UPDATE of non-key columns).
func locks(s *pgsql.SelectStmt) bool {
	for _, l := range s.GetLockingClause() {
		switch l.GetLockingClause().GetStrength() {
		case pgsql.LockClauseStrength_LCS_FORUPDATE, pgsql.LockClauseStrength_LCS_FORNOKEYUPDATE, pgsql.LockClauseStrength_LCS_FORSHARE:
			return true
		}
	}
	return false
}

// probeKind is what a SELECT returns about the rows it filters.
type probeKind int

const (
	probeRows   probeKind = iota // columns of the matching rows
	probeCount                   // SELECT count(*)
	probeExists                  // SELECT EXISTS (SELECT ... )
)

// selectShape is a SELECT from one table with equality filters.
type selectShape struct {
	table   relName
	alias   string
	eqs     []eqPred
	where   *pgsql.Node
	outputs []string // the column each output is, "" when it is not a plain column
	locked  bool
	kind    probeKind
}

// selectOf reads a SELECT ... FROM one table, or SELECT EXISTS (SELECT
// ... FROM one table ...). cat expands * (nil leaves it unexpanded).
func selectOf(n *pgsql.Node, cat *sqlschema.Catalog) *selectShape {
	s := n.GetSelectStmt()
	if s == nil || s.GetOp() != pgsql.SetOperation_SETOP_NONE || s.GetWithClause() != nil || len(s.GetValuesLists()) > 0 {
		return nil
	}
	targets := s.GetTargetList()
	if len(s.GetFromClause()) == 0 && len(targets) == 1 {
		sl := targets[0].GetResTarget().GetVal().GetSubLink()
		if sl == nil || sl.GetSubLinkType() != pgsql.SubLinkType_EXISTS_SUBLINK {
			return nil
		}
		inner := selectOf(sl.GetSubselect(), cat)
		if inner == nil {
			return nil
		}
		inner.kind, inner.outputs = probeExists, []string{""}
		inner.locked = inner.locked || locks(s)
		return inner
	}
	if len(s.GetFromClause()) != 1 || len(s.GetGroupClause()) > 0 {
		return nil
	}
	rv := s.GetFromClause()[0].GetRangeVar()
	if rv == nil {
		return nil
	}
	sh := &selectShape{table: relOf(rv), alias: aliasOf(rv), where: s.GetWhereClause(), locked: locks(s)}
	for _, c := range conjuncts(sh.where) {
		if p, ok := eqOf(c, sh.alias); ok {
			sh.eqs = append(sh.eqs, p)
		}
	}
	if len(targets) == 1 {
		if fc := targets[0].GetResTarget().GetVal().GetFuncCall(); fc != nil {
			names := fc.GetFuncname()
			if len(names) > 0 && names[len(names)-1].GetString_().GetSval() == "count" {
				sh.kind, sh.outputs = probeCount, []string{""}
				return sh
			}
		}
	}
	for _, t := range targets {
		val := t.GetResTarget().GetVal()
		if cr := val.GetColumnRef(); cr != nil {
			f := cr.GetFields()
			if len(f) > 0 && f[len(f)-1].GetAStar() != nil {
				tab := (*sqlschema.Table)(nil)
				if cat != nil {
					tab = cat.Table(sh.table.schema, sh.table.name)
				}
				if tab == nil {
					return nil // the outputs cannot be lined up with the scan targets
				}
				for _, col := range tab.Columns {
					sh.outputs = append(sh.outputs, col.Name)
				}
				continue
			}
		}
		sh.outputs = append(sh.outputs, columnOf(val, sh.alias))
	}
	return sh
}

// setTarget is one assignment of an UPDATE's SET.
type setTarget struct {
	col   string
	param int // $n when the new value is a parameter; 0 when SQL computes it
}

// updateShape is an UPDATE of one table.
type updateShape struct {
	table relName
	alias string
	sets  []setTarget
	conjs []*pgsql.Node
}

func updateOf(n *pgsql.Node) *updateShape {
	u := n.GetUpdateStmt()
	if u == nil || u.GetWithClause() != nil || u.GetRelation() == nil {
		return nil
	}
	sh := &updateShape{table: relOf(u.GetRelation()), alias: aliasOf(u.GetRelation()), conjs: conjuncts(u.GetWhereClause())}
	for _, t := range u.GetTargetList() {
		rt := t.GetResTarget()
		if rt == nil || len(rt.GetIndirection()) > 0 {
			continue
		}
		if rt.GetVal().GetMultiAssignRef() != nil {
			continue
		}
		sh.sets = append(sh.sets, setTarget{col: rt.GetName(), param: paramOf(rt.GetVal())})
	}
	return sh
}

// insertShape is a one-row INSERT ... VALUES.
type insertShape struct {
	table      relName
	cols       []string // the column list; nil when the statement has none
	values     []*pgsql.Node
	onConflict bool
}

func insertOf(n *pgsql.Node) *insertShape {
	ins := n.GetInsertStmt()
	if ins == nil || ins.GetWithClause() != nil || ins.GetRelation() == nil {
		return nil
	}
	sel := ins.GetSelectStmt().GetSelectStmt()
	if sel == nil || len(sel.GetValuesLists()) != 1 {
		return nil
	}
	sh := &insertShape{table: relOf(ins.GetRelation()), onConflict: ins.GetOnConflictClause() != nil}
	for _, c := range ins.GetCols() {
		sh.cols = append(sh.cols, c.GetResTarget().GetName())
	}
	sh.values = sel.GetValuesLists()[0].GetList().GetItems()
	if sh.cols != nil && len(sh.cols) != len(sh.values) {
		return nil
	}
	return sh
}

// oneStatement returns the statement of a call that sends exactly one
// known text of one statement with no part built at run time.
func oneStatement(call *sqlcall.Call) (*sqlcall.Query, *pgsql.Node) {
	if len(call.Queries) != 1 {
		return nil, nil
	}
	q := &call.Queries[0]
	if q.Dynamic || q.ParseErr != nil || len(q.Statements) != 1 {
		return nil, nil
	}
	return q, q.Statements[0].Node
}

// argOf returns the Go expression bound to $n, when the call's arguments
// line up with its placeholders.
func argOf(call *sqlcall.Call, n int) ast.Expr {
	if n <= 0 || call.Ellipsis || n > len(call.Args) {
		return nil
	}
	switch call.Placeholders {
	case sqlcall.Dollar, sqlcall.Question, "":
	default:
		return nil
	}
	if len(call.Queries) == 1 && len(call.Queries[0].Rewrites) > 0 {
		return nil // sqlx.In expands slices: positions shift
	}
	return call.Args[n-1]
}

// locksIn reports what a statement locks: the tables it reads FOR
// UPDATE/SHARE or LOCKs, and whether it takes an advisory lock (which
// serializes whatever the application guards with it).
func locksIn(n *pgsql.Node) (tables []relName, advisory bool) {
	if ls := n.GetLockStmt(); ls != nil {
		for _, r := range ls.GetRelations() {
			if rv := r.GetRangeVar(); rv != nil {
				tables = append(tables, relOf(rv))
			}
		}
	}
	pgsql.Inspect(n, func(m *pgsql.Node) bool {
		if s := m.GetSelectStmt(); s != nil && locks(s) {
			for _, f := range s.GetFromClause() {
				pgsql.Inspect(f, func(x *pgsql.Node) bool {
					if rv := x.GetRangeVar(); rv != nil {
						tables = append(tables, relOf(rv))
					}
					return true
				})
			}
		}
		if fc := m.GetFuncCall(); fc != nil {
			names := fc.GetFuncname()
			if len(names) > 0 && strings.HasPrefix(names[len(names)-1].GetString_().GetSval(), "pg_") &&
				strings.Contains(names[len(names)-1].GetString_().GetSval(), "advisory") &&
				strings.Contains(names[len(names)-1].GetString_().GetSval(), "lock") &&
				!strings.Contains(names[len(names)-1].GetString_().GetSval(), "unlock") {
				advisory = true
			}
		}
		return true
	})
	return tables, advisory
}
