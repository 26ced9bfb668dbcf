package sqlschema

import (
	"fmt"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// createView is CREATE [OR REPLACE] VIEW.
func (a *applier) createView(vs *pgsql.ViewStmt) error {
	rv := vs.GetView()
	s, err := a.newRelationSchema(rv)
	if err != nil {
		return err
	}
	name := rv.GetRelname()
	if old := s.Views[name]; old != nil && vs.GetReplace() && !old.Materialized {
		delete(s.Views, name)
	} else if old != nil && vs.GetReplace() {
		return a.errorf(wrongObjectType, "%q is not a view", name)
	} else if s.Tables[name] != nil && vs.GetReplace() {
		return a.errorf(wrongObjectType, "%q is not a view", name)
	}
	if _, err := a.checkNewRelation(s, name, false); err != nil {
		return err
	}
	cols := a.queryColumns(vs.GetQuery())
	cols = aliasColumns(cols, strs(vs.GetAliases()))
	q, _ := pgsql.Deparse(vs.GetQuery())
	s.Views[name] = &View{Schema: s.Name, Name: name, Columns: cols, Query: q, Source: a.src}
	forgetTombstone(s, name)
	return nil
}

// createTableAs is CREATE TABLE ... AS and CREATE MATERIALIZED VIEW.
func (a *applier) createTableAs(st *pgsql.CreateTableAsStmt) error {
	into := st.GetInto()
	if into == nil || into.GetRel() == nil {
		return nil
	}
	return a.createFromQuery(into, st.GetQuery(), st.GetObjtype() == pgsql.ObjectType_OBJECT_MATVIEW, st.GetIfNotExists())
}

// selectInto is SELECT ... INTO new_table.
func (a *applier) selectInto(sel *pgsql.SelectStmt) error {
	return a.createFromQuery(sel.GetIntoClause(), &pgsql.Node{Node: &pgsql.Node_SelectStmt{SelectStmt: sel}}, false, false)
}

func (a *applier) createFromQuery(into *pgsql.IntoClause, query *pgsql.Node, matview, ifNotExists bool) error {
	rv := into.GetRel()
	s, err := a.newRelationSchema(rv)
	if err != nil {
		return err
	}
	name := rv.GetRelname()
	if skip, err := a.checkNewRelation(s, name, ifNotExists); skip || err != nil {
		return err
	}
	cols := aliasColumns(a.queryColumns(query), strs(into.GetColNames()))
	if matview {
		q, _ := pgsql.Deparse(query)
		s.Views[name] = &View{Schema: s.Name, Name: name, Materialized: true, Columns: cols, Query: q, Source: a.src}
	} else {
		for _, c := range cols {
			c.Source = a.src
		}
		s.Tables[name] = &Table{Schema: s.Name, Name: name, Columns: cols, Unlogged: rv.GetRelpersistence() == "u", RowEstimate: -1, Source: a.src}
	}
	forgetTombstone(s, name)
	return nil
}

// aliasColumns renames the first columns to the given aliases.
func aliasColumns(cols []*Column, aliases []string) []*Column {
	for i, al := range aliases {
		if i < len(cols) {
			cols[i].Name = al
		}
	}
	return cols
}

// queryColumns infers the output columns of a query: names as PostgreSQL
// gives them (aliases, column names, FigureColname), * expanded from the
// catalog, and types for plain column references and casts. It returns nil
// when the columns cannot be known (a * over a relation or function the
// catalog does not know).
func (a *applier) queryColumns(query *pgsql.Node) []*Column {
	sel := query.GetSelectStmt()
	if sel == nil {
		return nil
	}
	cols, ok := a.selectColumns(sel, nil)
	if !ok {
		return nil
	}
	return cols
}

// scopeItem is a FROM item: its name for qualified references and its
// columns (nil with known false when unknown).
type scopeItem struct {
	alias string
	cols  []*Column
	known bool
}

func copyColumns(cols []*Column) []*Column {
	out := make([]*Column, len(cols))
	for i, c := range cols {
		out[i] = &Column{Name: c.Name, Type: c.Type}
	}
	return out
}

func (a *applier) selectColumns(sel *pgsql.SelectStmt, ctes map[string][]*Column) ([]*Column, bool) {
	for sel.GetOp() != pgsql.SetOperation_SETOP_NONE && sel.GetLarg() != nil {
		if w := sel.GetWithClause(); w != nil {
			ctes = a.withCTEs(w, ctes)
		}
		sel = sel.GetLarg()
	}
	if w := sel.GetWithClause(); w != nil {
		ctes = a.withCTEs(w, ctes)
	}
	if vl := sel.GetValuesLists(); len(vl) > 0 {
		var cols []*Column
		for i, v := range vl[0].GetList().GetItems() {
			cols = append(cols, &Column{Name: fmt.Sprintf("column%d", i+1), Type: a.exprType(v, nil)})
		}
		return cols, true
	}
	// Each FROM entry yields the items visible by name and the columns
	// its * expands to.
	var items []scopeItem
	var stars [][]*Column
	starKnown := true
	for _, f := range sel.GetFromClause() {
		its, star, ok := a.fromItem(f, ctes)
		items = append(items, its...)
		stars = append(stars, star)
		if !ok {
			starKnown = false
		}
	}
	var out []*Column
	for _, n := range sel.GetTargetList() {
		rt := n.GetResTarget()
		if rt == nil {
			continue
		}
		val := rt.GetVal()
		if cr := val.GetColumnRef(); cr != nil {
			fields := cr.GetFields()
			if len(fields) > 0 && fields[len(fields)-1].GetAStar() != nil {
				if len(fields) == 1 {
					if !starKnown {
						return nil, false
					}
					for _, s := range stars {
						out = append(out, copyColumns(s)...)
					}
					continue
				}
				q := fields[len(fields)-2].GetString_().GetSval()
				found := false
				for _, it := range items {
					if it.alias == q {
						if !it.known {
							return nil, false
						}
						out = append(out, copyColumns(it.cols)...)
						found = true
						break
					}
				}
				if !found {
					return nil, false
				}
				continue
			}
		}
		name := rt.GetName()
		if name == "" {
			var st int
			if name, st = figureColname(val); st == 0 {
				name = "?column?"
			}
		}
		out = append(out, &Column{Name: name, Type: a.exprType(val, items)})
	}
	return out, true
}

func (a *applier) withCTEs(w *pgsql.WithClause, ctes map[string][]*Column) map[string][]*Column {
	m := map[string][]*Column{}
	for k, v := range ctes {
		m[k] = v
	}
	for _, n := range w.GetCtes() {
		cte := n.GetCommonTableExpr()
		if cte == nil {
			continue
		}
		var cols []*Column
		if sel := cte.GetCtequery().GetSelectStmt(); sel != nil {
			if c, ok := a.selectColumns(sel, m); ok {
				cols = c
			}
		}
		if cols != nil {
			cols = aliasColumns(cols, strs(cte.GetAliascolnames()))
		}
		m[cte.GetCtename()] = cols
	}
	return m
}

// fromItem resolves a FROM entry: the items it makes visible and the
// columns of its *; ok is false when those columns are unknown.
func (a *applier) fromItem(n *pgsql.Node, ctes map[string][]*Column) ([]scopeItem, []*Column, bool) {
	switch x := n.GetNode().(type) {
	case *pgsql.Node_RangeVar:
		rv := x.RangeVar
		alias := rv.GetRelname()
		if al := rv.GetAlias(); al != nil && al.GetAliasname() != "" {
			alias = al.GetAliasname()
		}
		var cols []*Column
		known := false
		if c, ok := ctes[rv.GetRelname()]; ok && rv.GetSchemaname() == "" {
			cols, known = c, c != nil
		} else if _, t, v, err := a.relation(rv.GetSchemaname(), rv.GetRelname()); err == nil {
			switch {
			case t != nil && columnsKnown(t):
				cols, known = t.Columns, true
			case v != nil && v.Columns != nil:
				cols, known = v.Columns, true
			}
		}
		if known {
			cols = copyColumns(cols)
			if al := rv.GetAlias(); al != nil {
				cols = aliasColumns(cols, strs(al.GetColnames()))
			}
		}
		return []scopeItem{{alias, cols, known}}, cols, known
	case *pgsql.Node_RangeSubselect:
		rs := x.RangeSubselect
		var cols []*Column
		known := false
		if sel := rs.GetSubquery().GetSelectStmt(); sel != nil {
			cols, known = a.selectColumns(sel, ctes)
		}
		alias := ""
		if al := rs.GetAlias(); al != nil {
			alias = al.GetAliasname()
			if known {
				cols = aliasColumns(cols, strs(al.GetColnames()))
			}
		}
		return []scopeItem{{alias, cols, known}}, cols, known
	case *pgsql.Node_JoinExpr:
		j := x.JoinExpr
		li, ls, lok := a.fromItem(j.GetLarg(), ctes)
		ri, rs, rok := a.fromItem(j.GetRarg(), ctes)
		items := append(li, ri...)
		ok := lok && rok
		var star []*Column
		if ok {
			using := strs(j.GetUsingClause())
			if j.GetIsNatural() {
				using = nil
				for _, c := range ls {
					for _, r := range rs {
						if c.Name == r.Name {
							using = append(using, c.Name)
						}
					}
				}
			}
			if len(using) > 0 {
				for _, u := range using {
					for _, c := range ls {
						if c.Name == u {
							star = append(star, c)
							break
						}
					}
				}
				for _, c := range ls {
					if !contains(using, c.Name) {
						star = append(star, c)
					}
				}
				for _, c := range rs {
					if !contains(using, c.Name) {
						star = append(star, c)
					}
				}
			} else {
				star = append(append(star, ls...), rs...)
			}
		}
		if al := j.GetAlias(); al != nil && al.GetAliasname() != "" {
			cols := star
			if ok {
				cols = aliasColumns(copyColumns(star), strs(al.GetColnames()))
			}
			items = append(items, scopeItem{al.GetAliasname(), cols, ok})
		}
		return items, star, ok
	case *pgsql.Node_RangeFunction:
		rf := x.RangeFunction
		alias := ""
		if al := rf.GetAlias(); al != nil {
			alias = al.GetAliasname()
			if names := strs(al.GetColnames()); len(names) > 0 {
				var cols []*Column
				for _, nm := range names {
					cols = append(cols, &Column{Name: nm})
				}
				return []scopeItem{{alias, cols, true}}, cols, true
			}
		}
		// A set-returning function of scalars is one column named after
		// the function (or its alias).
		if fs := rf.GetFunctions(); len(fs) == 1 && len(rf.GetColdeflist()) == 0 {
			items := fs[0].GetList().GetItems()
			if len(items) > 0 {
				if fc := items[0].GetFuncCall(); fc != nil {
					_, fname := splitName(strs(fc.GetFuncname()))
					if scalarSetFuncs[fname] && (fname != "unnest" || len(fc.GetArgs()) == 1) {
						name := fname
						if alias != "" {
							name = alias
						}
						typ := ""
						if fname == "generate_series" && len(fc.GetArgs()) > 0 {
							typ = a.exprType(fc.GetArgs()[0], nil)
						}
						cols := []*Column{{Name: name, Type: typ}}
						if alias == "" {
							alias = fname
						}
						return []scopeItem{{alias, cols, true}}, cols, true
					}
				}
			}
		}
		return []scopeItem{{alias, nil, false}}, nil, false
	}
	return nil, nil, false
}

// scalarSetFuncs return a set of scalars.
var scalarSetFuncs = map[string]bool{
	"generate_series": true, "unnest": true, "generate_subscripts": true, "regexp_split_to_table": true,
}

// exprType returns the type of an output column when it is evident: a
// column of a known relation, a cast, a constant, or a call of a function
// whose result type is fixed; "" otherwise.
func (a *applier) exprType(n *pgsql.Node, items []scopeItem) string {
	switch x := n.GetNode().(type) {
	case *pgsql.Node_TypeCast:
		typ, _, _ := normalizeType(x.TypeCast.GetTypeName(), a.c)
		return typ
	case *pgsql.Node_AConst:
		ac := x.AConst
		switch {
		case ac.GetIsnull():
			return "text"
		case ac.GetSval() != nil:
			return "text"
		case ac.GetBoolval() != nil:
			return "bool"
		case ac.GetFval() != nil:
			_, t := exprPrinter{}.constant(ac, "", true)
			return t
		case ac.GetBsval() != nil:
			return ""
		}
		return "int4"
	case *pgsql.Node_FuncCall:
		_, name := splitName(strs(x.FuncCall.GetFuncname()))
		if name == "count" {
			return "int8"
		}
		if x.FuncCall.GetOver() == nil && len(x.FuncCall.GetArgs()) == 1 && (name == "min" || name == "max") {
			return a.exprType(x.FuncCall.GetArgs()[0], items)
		}
		return funcResultTypes[name]
	case *pgsql.Node_SqlvalueFunction:
		_, t := sqlValueFunction(x.SqlvalueFunction)
		return t
	case *pgsql.Node_CoalesceExpr:
		for _, arg := range x.CoalesceExpr.GetArgs() {
			if t := a.exprType(arg, items); t != "" {
				return t
			}
		}
	case *pgsql.Node_BoolExpr, *pgsql.Node_NullTest, *pgsql.Node_BooleanTest:
		return "bool"
	case *pgsql.Node_SubLink:
		if x.SubLink.GetSubLinkType() == pgsql.SubLinkType_EXISTS_SUBLINK {
			return "bool"
		}
	case *pgsql.Node_ColumnRef:
		f := strs(x.ColumnRef.GetFields())
		switch len(f) {
		case 1:
			for _, it := range items {
				for _, c := range it.cols {
					if c.Name == f[0] {
						return c.Type
					}
				}
			}
		case 2:
			for _, it := range items {
				if it.alias == f[0] {
					for _, c := range it.cols {
						if c.Name == f[1] {
							return c.Type
						}
					}
				}
			}
		}
	}
	return ""
}

// viewReads reports whether a view's query reads schema.rel (and uses
// column, when given).
func (a *applier) viewReads(v *View, schema, rel, column string) bool {
	if v.Query == "" {
		return false
	}
	res, err := pgsql.Parse(v.Query)
	if err != nil || len(res.Statements) != 1 {
		return false
	}
	root := res.Statements[0].Node
	found := false
	for _, rv := range rangeVars(root) {
		if rv.GetRelname() != rel {
			continue
		}
		rs := rv.GetSchemaname()
		if rs == "" {
			// Resolved where the view lives or on search_path.
			if rs = a.resolveRelSchema(rv.GetRelname(), v.Schema); rs == "" {
				rs = schema
			}
		}
		if rs == schema {
			found = true
		}
	}
	if !found || column == "" {
		return found
	}
	uses := false
	walkQuery(root, func(n *pgsql.Node) bool {
		if cr := n.GetColumnRef(); cr != nil {
			f := cr.GetFields()
			if len(f) > 0 {
				last := f[len(f)-1]
				if last.GetAStar() != nil || last.GetString_().GetSval() == column {
					uses = true
				}
			}
		}
		return !uses
	})
	return uses
}

// resolveRelSchema returns the schema an unqualified relation name
// resolves to, or "" when it exists nowhere on the path.
func (a *applier) resolveRelSchema(name, home string) string {
	for _, s := range a.searchSchemas() {
		if s.Tables[name] != nil || s.Views[name] != nil {
			return s.Name
		}
	}
	if s := a.c.Schemas[home]; s != nil && (s.Tables[name] != nil || s.Views[name] != nil) {
		return home
	}
	return ""
}

// rangeVars returns the relations a query reads.
func rangeVars(root *pgsql.Node) []*pgsql.RangeVar {
	var out []*pgsql.RangeVar
	walkQuery(root, func(n *pgsql.Node) bool {
		if rv := n.GetRangeVar(); rv != nil {
			out = append(out, rv)
		}
		return true
	})
	return out
}

// walkQuery walks a query: its set operations, CTEs, FROM items, joins,
// subqueries and expressions (including sublinks).
func walkQuery(n *pgsql.Node, fn func(*pgsql.Node) bool) {
	if n == nil || n.GetNode() == nil {
		return
	}
	var visit func(n *pgsql.Node)
	exprFn := func(x *pgsql.Node) bool {
		if !fn(x) {
			return false
		}
		if sl := x.GetSubLink(); sl != nil {
			visit(sl.GetSubselect())
		}
		return true
	}
	expr := func(x *pgsql.Node) { walkExpr(x, exprFn) }
	visit = func(n *pgsql.Node) {
		if n == nil || n.GetNode() == nil {
			return
		}
		switch x := n.GetNode().(type) {
		case *pgsql.Node_SelectStmt:
			sel := x.SelectStmt
			if w := sel.GetWithClause(); w != nil {
				for _, c := range w.GetCtes() {
					visit(c.GetCommonTableExpr().GetCtequery())
				}
			}
			if sel == nil {
				return
			}
			for _, arg := range []*pgsql.SelectStmt{sel.GetLarg(), sel.GetRarg()} {
				if arg != nil {
					visit(&pgsql.Node{Node: &pgsql.Node_SelectStmt{SelectStmt: arg}})
				}
			}
			for _, t := range sel.GetTargetList() {
				expr(t)
			}
			for _, f := range sel.GetFromClause() {
				visit(f)
			}
			expr(sel.GetWhereClause())
			expr(sel.GetHavingClause())
			for _, g := range sel.GetGroupClause() {
				expr(g)
			}
			for _, s := range sel.GetSortClause() {
				expr(s)
			}
			for _, l := range sel.GetValuesLists() {
				expr(l)
			}
		case *pgsql.Node_RangeVar:
			fn(n)
		case *pgsql.Node_JoinExpr:
			visit(x.JoinExpr.GetLarg())
			visit(x.JoinExpr.GetRarg())
			expr(x.JoinExpr.GetQuals())
		case *pgsql.Node_RangeSubselect:
			visit(x.RangeSubselect.GetSubquery())
		case *pgsql.Node_RangeFunction:
			for _, f := range x.RangeFunction.GetFunctions() {
				expr(f)
			}
		default:
			expr(n)
		}
	}
	visit(n)
}
