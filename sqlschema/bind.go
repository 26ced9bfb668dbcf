package sqlschema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Nullability of an output column.
type Nullability int

// Nullability values: unknown means dblint cannot tell, and rules that
// depend on it stay silent.
const (
	NullUnknown Nullability = iota
	NotNullable
	Nullable
)

// OutputColumn is one column a statement returns.
type OutputColumn struct {
	Name     string
	Type     string // normalized type name, "" when unknown
	Nullable Nullability
	// Source is "table.column" when the column comes straight from a
	// table, for messages.
	Source string
}

// ProblemKind classifies a binding problem.
type ProblemKind string

// Problem kinds; they match querycheck's rule ids.
const (
	ProblemUnknownTable    ProblemKind = "unknown-table"
	ProblemUnknownColumn   ProblemKind = "unknown-column"
	ProblemAmbiguousColumn ProblemKind = "ambiguous-column"
	ProblemInsertArity     ProblemKind = "insert-arity"
	ProblemInsertNotNull   ProblemKind = "insert-not-null"
)

// Problem is a mismatch between a statement and the catalog.
type Problem struct {
	Kind    ProblemKind
	Message string
	// Offset is the byte offset in the statement text the problem is
	// about, or -1.
	Offset int
	// Tombstone explains a missing object that existed once.
	Tombstone *Tombstone
	// Name is the missing or ambiguous name.
	Name string
}

// RelRef is a relation a statement reads or writes.
type RelRef struct {
	Schema, Name string
	Alias        string
	Table        *Table // set for tables
	View         *View  // set for views
	CTE          bool
	Offset       int
}

// Binding is a statement bound to a catalog.
type Binding struct {
	// Command is select, insert, update, delete or other.
	Command string
	// Relations are the tables and views referenced, in order.
	Relations []*RelRef
	// Output are the returned columns (SELECT list, RETURNING);
	// OutputKnown is false when their number cannot be known.
	Output      []OutputColumn
	OutputKnown bool
	// MaxParam is the highest $n used; Params lists every number used.
	MaxParam int
	Params   map[int]bool
	// Target is the table an INSERT, UPDATE or DELETE writes.
	Target *Table
	// HasWhere is set for UPDATE and DELETE with a WHERE clause (or
	// WHERE CURRENT OF).
	HasWhere bool
	Problems []Problem
}

// rel is a relation in scope during binding.
type rel struct {
	name   string // alias or relation name, as written in the query
	cols   []OutputColumn
	known  bool // the column list is complete
	table  *Table
	nullOK bool // on the nullable side of an outer join
	merged map[string]bool
	hidden bool // EXCLUDED-like pseudo relations do not join unqualified lookups
}

type scope struct {
	parent  *scope
	rels    []*rel
	ctes    map[string]*rel
	outputs []OutputColumn // for ORDER BY / GROUP BY on output names
	// usingCols are join USING / NATURAL column names that are not
	// ambiguous.
	usingCols map[string]bool
}

func (s *scope) lookupCTE(name string) *rel {
	for sc := s; sc != nil; sc = sc.parent {
		if r := sc.ctes[name]; r != nil {
			return r
		}
	}
	return nil
}

type binder struct {
	cat *Catalog
	b   *Binding
}

// Bind resolves a parsed statement against the catalog: the relations and
// columns it references, what it returns, its parameters, and every name
// that does not resolve. A nil catalog binds nothing.
func Bind(cat *Catalog, stmt *pgsql.Node) *Binding {
	b := &Binding{Command: "other", Params: map[int]bool{}}
	if stmt == nil {
		return b
	}
	bd := &binder{cat: cat, b: b}
	pgsql.Inspect(stmt, func(n *pgsql.Node) bool {
		if p := n.GetParamRef(); p != nil {
			num := int(p.GetNumber())
			b.Params[num] = true
			if num > b.MaxParam {
				b.MaxParam = num
			}
		}
		return true
	})
	// What needs no catalog is known without one: the command, and
	// whether an UPDATE or DELETE is limited by a WHERE.
	switch {
	case stmt.GetSelectStmt() != nil:
		b.Command = "select"
	case stmt.GetInsertStmt() != nil:
		b.Command = "insert"
	case stmt.GetUpdateStmt() != nil:
		b.Command = "update"
		b.HasWhere = stmt.GetUpdateStmt().GetWhereClause() != nil
	case stmt.GetDeleteStmt() != nil:
		b.Command = "delete"
		b.HasWhere = stmt.GetDeleteStmt().GetWhereClause() != nil
	}
	if cat == nil {
		return b
	}
	root := &scope{}
	switch b.Command {
	case "select":
		b.Output, b.OutputKnown = bd.selectStmt(stmt.GetSelectStmt(), root)
	case "insert":
		b.Output, b.OutputKnown = bd.insertStmt(stmt.GetInsertStmt(), root)
	case "update":
		b.Output, b.OutputKnown = bd.updateStmt(stmt.GetUpdateStmt(), root)
	case "delete":
		b.Output, b.OutputKnown = bd.deleteStmt(stmt.GetDeleteStmt(), root)
	default:
		if cs := stmt.GetCopyStmt(); cs != nil && cs.GetRelation() != nil {
			bd.copyStmt(cs, root)
		}
	}
	sort.SliceStable(b.Problems, func(i, j int) bool { return b.Problems[i].Offset < b.Problems[j].Offset })
	return b
}

func (bd *binder) problem(kind ProblemKind, off int32, name, msg string, ts *Tombstone) {
	for _, p := range bd.b.Problems {
		if p.Kind == kind && p.Name == name && p.Offset == int(off) {
			return
		}
	}
	bd.b.Problems = append(bd.b.Problems, Problem{Kind: kind, Message: msg, Offset: int(off), Tombstone: ts, Name: name})
}

// withClause binds CTEs into a new scope.
func (bd *binder) withClause(w *pgsql.WithClause, sc *scope) *scope {
	if w == nil {
		return sc
	}
	inner := &scope{parent: sc, ctes: map[string]*rel{}}
	for _, c := range w.GetCtes() {
		cte := c.GetCommonTableExpr()
		if cte == nil {
			continue
		}
		name := cte.GetCtename()
		r := &rel{name: name}
		if w.GetRecursive() {
			// The recursive term refers to the CTE itself: bind the
			// non-recursive term first.
			if sel := cte.GetCtequery().GetSelectStmt(); sel != nil && sel.GetOp() != pgsql.SetOperation_SETOP_NONE && sel.GetLarg() != nil {
				r.cols, r.known = bd.selectStmt(sel.GetLarg(), inner)
				if names := pgsql.Strings(cte.GetAliascolnames()); len(names) > 0 {
					r.cols = renameCols(r.cols, names)
				}
				inner.ctes[name] = r
			} else {
				inner.ctes[name] = r
			}
		}
		cols, known := bd.statement(cte.GetCtequery(), inner)
		r.cols, r.known = cols, known
		if names := pgsql.Strings(cte.GetAliascolnames()); len(names) > 0 {
			r.cols = renameCols(r.cols, names)
			if len(names) >= len(cols) {
				r.known = r.known || len(cols) == 0
			}
		}
		inner.ctes[name] = r
	}
	return inner
}

func renameCols(cols []OutputColumn, names []string) []OutputColumn {
	out := make([]OutputColumn, 0, len(names))
	for i, n := range names {
		c := OutputColumn{Name: n}
		if i < len(cols) {
			c = cols[i]
			c.Name = n
		}
		out = append(out, c)
	}
	if len(cols) > len(names) {
		out = append(out, cols[len(names):]...)
	}
	return out
}

// statement binds a nested statement (CTE body, subquery).
func (bd *binder) statement(n *pgsql.Node, sc *scope) ([]OutputColumn, bool) {
	switch {
	case n.GetSelectStmt() != nil:
		return bd.selectStmt(n.GetSelectStmt(), sc)
	case n.GetInsertStmt() != nil:
		return bd.insertStmt(n.GetInsertStmt(), sc)
	case n.GetUpdateStmt() != nil:
		return bd.updateStmt(n.GetUpdateStmt(), sc)
	case n.GetDeleteStmt() != nil:
		return bd.deleteStmt(n.GetDeleteStmt(), sc)
	}
	return nil, false
}

func (bd *binder) selectStmt(s *pgsql.SelectStmt, parent *scope) ([]OutputColumn, bool) {
	sc := bd.withClause(s.GetWithClause(), parent)
	if s.GetOp() != pgsql.SetOperation_SETOP_NONE {
		lc, lk := bd.selectStmt(s.GetLarg(), sc)
		bd.selectStmt(s.GetRarg(), sc)
		// ORDER BY of a set operation refers to output names.
		osc := &scope{parent: sc, outputs: lc}
		for _, sb := range s.GetSortClause() {
			bd.expr(sb, osc)
		}
		bd.expr(s.GetLimitCount(), osc)
		bd.expr(s.GetLimitOffset(), osc)
		return nullableUnion(lc), lk
	}
	if vl := s.GetValuesLists(); len(vl) > 0 {
		var cols []OutputColumn
		for i, row := range vl {
			items := row.GetList().GetItems()
			for _, it := range items {
				bd.expr(it, sc)
			}
			if i == 0 {
				for j, it := range items {
					c := bd.exprColumn(it, sc)
					c.Name = fmt.Sprintf("column%d", j+1)
					cols = append(cols, c)
				}
			}
		}
		return cols, true
	}
	inner := &scope{parent: sc, usingCols: map[string]bool{}}
	for _, f := range s.GetFromClause() {
		bd.fromItem(f, inner, false)
	}
	var out []OutputColumn
	known := true
	for _, t := range s.GetTargetList() {
		rt := t.GetResTarget()
		if rt == nil {
			continue
		}
		if cr := rt.GetVal().GetColumnRef(); cr != nil && isStar(cr) {
			cols, ok := bd.star(cr, inner)
			out = append(out, cols...)
			known = known && ok
			continue
		}
		bd.expr(rt.GetVal(), inner)
		c := bd.exprColumn(rt.GetVal(), inner)
		if rt.GetName() != "" {
			c.Name = rt.GetName()
		}
		out = append(out, c)
	}
	bd.expr(s.GetWhereClause(), inner)
	bd.expr(s.GetHavingClause(), inner)
	osc := &scope{parent: inner, outputs: out}
	bd.exprs(s.GetGroupClause(), osc)
	for _, sb := range s.GetSortClause() {
		bd.expr(sb, osc)
	}
	bd.exprs(s.GetDistinctClause(), osc)
	bd.expr(s.GetLimitCount(), inner)
	bd.expr(s.GetLimitOffset(), inner)
	if s.GetIntoClause() != nil {
		return nil, false
	}
	return out, known
}

func nullableUnion(cols []OutputColumn) []OutputColumn {
	// A UNION's column is nullable when any branch is; without binding
	// every branch's nullability precisely, keep the left branch's
	// nullable marks and turn NOT NULL into unknown.
	out := make([]OutputColumn, len(cols))
	for i, c := range cols {
		if c.Nullable == NotNullable {
			c.Nullable = NullUnknown
		}
		out[i] = c
	}
	return out
}

func isStar(cr *pgsql.ColumnRef) bool {
	f := cr.GetFields()
	return len(f) > 0 && f[len(f)-1].GetAStar() != nil
}

// star expands * or t.* from the scope.
func (bd *binder) star(cr *pgsql.ColumnRef, sc *scope) ([]OutputColumn, bool) {
	fields := cr.GetFields()
	var out []OutputColumn
	known := true
	if len(fields) == 1 {
		if len(sc.rels) == 0 {
			return nil, false
		}
		for _, r := range sc.rels {
			if r.hidden {
				continue
			}
			out = append(out, withNull(r)...)
			known = known && r.known
		}
		return out, known
	}
	name := pgsql.StringValue(fields[len(fields)-2])
	for s := sc; s != nil; s = s.parent {
		for _, r := range s.rels {
			if r.name == name {
				return withNull(r), r.known
			}
		}
	}
	bd.problem(ProblemUnknownTable, cr.GetLocation(), name, fmt.Sprintf("missing FROM-clause entry for table %q", name), nil)
	return nil, false
}

func withNull(r *rel) []OutputColumn {
	out := make([]OutputColumn, len(r.cols))
	copy(out, r.cols)
	if r.nullOK {
		for i := range out {
			out[i].Nullable = Nullable
		}
	}
	return out
}

// fromItem adds a FROM-clause item to the scope.
func (bd *binder) fromItem(n *pgsql.Node, sc *scope, nullable bool) []*rel {
	switch {
	case n.GetRangeVar() != nil:
		r := bd.rangeVar(n.GetRangeVar(), sc)
		if r == nil {
			return nil
		}
		r.nullOK = nullable
		sc.rels = append(sc.rels, r)
		return []*rel{r}
	case n.GetJoinExpr() != nil:
		j := n.GetJoinExpr()
		ln, rn := nullable, nullable
		switch j.GetJointype() {
		case pgsql.JoinType_JOIN_LEFT:
			rn = true
		case pgsql.JoinType_JOIN_RIGHT:
			ln = true
		case pgsql.JoinType_JOIN_FULL:
			ln, rn = true, true
		}
		left := bd.fromItem(j.GetLarg(), sc, ln)
		right := bd.fromItem(j.GetRarg(), sc, rn)
		for _, u := range j.GetUsingClause() {
			name := pgsql.StringValue(u)
			sc.usingCols[name] = true
			for _, side := range [][]*rel{left, right} {
				if !relsHave(side, name) && relsKnown(side) {
					bd.problem(ProblemUnknownColumn, j.GetRarg().GetRangeVar().GetLocation(), name,
						fmt.Sprintf("column %q specified in USING clause does not exist in %s", name, relsNames(side)), nil)
				}
			}
		}
		if j.GetIsNatural() {
			for _, l := range left {
				for _, c := range l.cols {
					if relsHave(right, c.Name) {
						sc.usingCols[c.Name] = true
					}
				}
			}
		}
		bd.expr(j.GetQuals(), sc)
		all := append(left, right...)
		if a := j.GetAlias(); a != nil {
			// A join alias hides its members' names.
			r := &rel{name: a.GetAliasname(), known: relsKnown(all)}
			for _, m := range all {
				r.cols = append(r.cols, withNull(m)...)
			}
			sc.rels = append(sc.rels, r)
			return []*rel{r}
		}
		return all
	case n.GetRangeSubselect() != nil:
		rs := n.GetRangeSubselect()
		sub := sc
		if !rs.GetLateral() {
			sub = &scope{parent: scopeParent(sc), ctes: nil}
		}
		cols, known := bd.statement(rs.GetSubquery(), sub)
		r := &rel{cols: cols, known: known, nullOK: nullable}
		if a := rs.GetAlias(); a != nil {
			r.name = a.GetAliasname()
			if names := pgsql.Strings(a.GetColnames()); len(names) > 0 {
				r.cols = renameCols(r.cols, names)
			}
		}
		sc.rels = append(sc.rels, r)
		return []*rel{r}
	case n.GetRangeFunction() != nil:
		rf := n.GetRangeFunction()
		for _, f := range rf.GetFunctions() {
			for _, item := range f.GetList().GetItems() {
				bd.expr(item, sc)
			}
		}
		r := &rel{nullOK: nullable}
		if a := rf.GetAlias(); a != nil {
			r.name = a.GetAliasname()
			if names := pgsql.Strings(a.GetColnames()); len(names) > 0 {
				for _, nm := range names {
					r.cols = append(r.cols, OutputColumn{Name: nm})
				}
				r.known = true
			}
		}
		for _, cd := range rf.GetColdeflist() {
			if c := cd.GetColumnDef(); c != nil {
				r.cols = append(r.cols, OutputColumn{Name: c.GetColname()})
				r.known = true
			}
		}
		if len(r.cols) == 1 && r.known {
			// A single-column function alias names both the relation
			// and its column.
		}
		sc.rels = append(sc.rels, r)
		return []*rel{r}
	}
	// Table samples, XMLTABLE, JSON_TABLE...: unknown columns.
	r := &rel{nullOK: nullable}
	sc.rels = append(sc.rels, r)
	return []*rel{r}
}

// scopeParent returns the scope that holds CTEs but not the FROM items of
// the current level (a non-lateral subquery cannot see its siblings).
func scopeParent(sc *scope) *scope {
	if sc.parent != nil {
		return sc.parent
	}
	return sc
}

func relsHave(rs []*rel, name string) bool {
	for _, r := range rs {
		for _, c := range r.cols {
			if c.Name == name {
				return true
			}
		}
	}
	return false
}

func relsKnown(rs []*rel) bool {
	for _, r := range rs {
		if !r.known {
			return false
		}
	}
	return true
}

func relsNames(rs []*rel) string {
	var names []string
	for _, r := range rs {
		names = append(names, fmt.Sprintf("%q", r.name))
	}
	return strings.Join(names, ", ")
}

// rangeVar resolves a table, view or CTE reference.
func (bd *binder) rangeVar(rv *pgsql.RangeVar, sc *scope) *rel {
	name, schema := rv.GetRelname(), rv.GetSchemaname()
	alias := name
	if a := rv.GetAlias(); a != nil && a.GetAliasname() != "" {
		alias = a.GetAliasname()
	}
	var r *rel
	if schema == "" {
		if cte := sc.lookupCTE(name); cte != nil {
			r = &rel{name: alias, cols: cte.cols, known: cte.known}
			bd.b.Relations = append(bd.b.Relations, &RelRef{Name: name, Alias: alias, CTE: true, Offset: int(rv.GetLocation())})
		}
	}
	if r == nil {
		ref := &RelRef{Schema: schema, Name: name, Alias: alias, Offset: int(rv.GetLocation())}
		switch t, v := bd.cat.Table(schema, name), bd.cat.View(schema, name); {
		case t != nil:
			ref.Table = t
			r = &rel{name: alias, table: t, known: true}
			for _, c := range t.Columns {
				nl := Nullable
				if c.NotNull {
					nl = NotNullable
				}
				r.cols = append(r.cols, OutputColumn{Name: c.Name, Type: c.Type, Nullable: nl, Source: t.Name + "." + c.Name})
			}
		case v != nil:
			ref.View = v
			r = &rel{name: alias, known: len(v.Columns) > 0}
			for _, c := range v.Columns {
				// A view does not carry NOT NULL through.
				r.cols = append(r.cols, OutputColumn{Name: c.Name, Type: c.Type, Nullable: NullUnknown})
			}
		default:
			if bd.schemaUnknown(schema) {
				r = &rel{name: alias}
				break
			}
			full := QualifiedName(schema, name)
			ts := bd.cat.Dropped(schema, name)
			msg := fmt.Sprintf("relation %q does not exist", full)
			bd.problem(ProblemUnknownTable, rv.GetLocation(), full, msg, ts)
			r = &rel{name: alias}
		}
		bd.b.Relations = append(bd.b.Relations, ref)
	}
	if a := rv.GetAlias(); a != nil {
		if names := pgsql.Strings(a.GetColnames()); len(names) > 0 {
			r.cols = renameCols(r.cols, names)
		}
	}
	return r
}

// schemaUnknown reports whether a qualified name points into a schema the
// catalog does not model (pg_catalog, information_schema, an extension's):
// such references are not checked.
func (bd *binder) schemaUnknown(schema string) bool {
	if schema == "" {
		return false
	}
	return bd.cat.Schemas[schema] == nil
}

func (bd *binder) exprs(list []*pgsql.Node, sc *scope) {
	for _, n := range list {
		bd.expr(n, sc)
	}
}

// expr checks every column reference in an expression and binds nested
// subqueries in their own scopes.
func (bd *binder) expr(n *pgsql.Node, sc *scope) {
	if n == nil {
		return
	}
	pgsql.Inspect(n, func(x *pgsql.Node) bool {
		switch {
		case x.GetColumnRef() != nil:
			bd.columnRef(x.GetColumnRef(), sc)
			return false
		case x.GetSubLink() != nil:
			sl := x.GetSubLink()
			bd.expr(sl.GetTestexpr(), sc)
			bd.statement(sl.GetSubselect(), &scope{parent: sc})
			return false
		case x.GetSelectStmt() != nil:
			bd.selectStmt(x.GetSelectStmt(), &scope{parent: sc})
			return false
		case x.GetFuncCall() != nil:
			// Aggregates' ORDER BY and FILTER are ordinary expressions;
			// the function name itself is not a column.
			fc := x.GetFuncCall()
			bd.exprs(fc.GetArgs(), sc)
			bd.exprs(fc.GetAggOrder(), sc)
			bd.expr(fc.GetAggFilter(), sc)
			if w := fc.GetOver(); w != nil {
				bd.exprs(w.GetPartitionClause(), sc)
				bd.exprs(w.GetOrderClause(), sc)
			}
			return false
		}
		return true
	})
}

// columnRef resolves a column reference and records a problem when it
// does not resolve.
func (bd *binder) columnRef(cr *pgsql.ColumnRef, sc *scope) (OutputColumn, bool) {
	fields := cr.GetFields()
	if len(fields) == 0 || isStar(cr) {
		if isStar(cr) && len(fields) > 1 {
			bd.star(cr, sc)
		}
		return OutputColumn{}, false
	}
	names := pgsql.Strings(fields)
	for _, n := range names {
		if n == "" || strings.Contains(n, dynMarker) {
			return OutputColumn{}, false
		}
	}
	col := names[len(names)-1]
	if len(names) == 1 {
		return bd.unqualified(col, cr.GetLocation(), sc)
	}
	qual := names[len(names)-2]
	for s := sc; s != nil; s = s.parent {
		for _, r := range s.rels {
			if r.name != qual {
				continue
			}
			for _, c := range r.cols {
				if c.Name == col {
					if r.nullOK {
						c.Nullable = Nullable
					}
					return c, true
				}
			}
			if r.known {
				bd.unknownColumn(col, qual, r, cr.GetLocation())
			}
			return OutputColumn{}, false
		}
	}
	if len(names) > 2 {
		// schema.table.column: resolve by relation name.
		return OutputColumn{}, false
	}
	if bd.hasUnknownRels(sc) {
		return OutputColumn{}, false
	}
	bd.problem(ProblemUnknownTable, cr.GetLocation(), qual, fmt.Sprintf("missing FROM-clause entry for table %q", qual), nil)
	return OutputColumn{}, false
}

// dynMarker is the prefix passes/sqlcall puts in place of dynamic SQL
// fragments; names containing it are never checked.
const dynMarker = "__dblint_dyn_"

func (bd *binder) hasUnknownRels(sc *scope) bool {
	for s := sc; s != nil; s = s.parent {
		for _, r := range s.rels {
			if !r.known {
				return true
			}
		}
	}
	return false
}

func (bd *binder) unqualified(col string, loc int32, sc *scope) (OutputColumn, bool) {
	for s := sc; s != nil; s = s.parent {
		var found []OutputColumn
		var foundRel []*rel
		for _, r := range s.rels {
			if r.hidden {
				continue
			}
			for _, c := range r.cols {
				if c.Name == col {
					if r.nullOK {
						c.Nullable = Nullable
					}
					found = append(found, c)
					foundRel = append(foundRel, r)
					break
				}
			}
		}
		if len(found) == 1 {
			return found[0], true
		}
		if len(found) > 1 {
			if s.usingCols[col] {
				return found[0], true
			}
			bd.problem(ProblemAmbiguousColumn, loc, col, fmt.Sprintf("column reference %q is ambiguous (in %s); qualify it with the table name or alias", col, relsNames(foundRel)), nil)
			return OutputColumn{}, false
		}
		for _, o := range s.outputs {
			if o.Name == col {
				return o, true
			}
		}
	}
	// Not found anywhere. Stay silent if some relation in scope has
	// unknown columns (a function, an unknown table): it may provide it.
	if bd.hasUnknownRels(sc) {
		return OutputColumn{}, false
	}
	// PostgreSQL reports the name against the innermost query level.
	var tables []*rel
	for s := sc; s != nil && len(tables) == 0; s = s.parent {
		for _, r := range s.rels {
			if !r.hidden {
				tables = append(tables, r)
			}
		}
	}
	if len(tables) == 0 {
		// SELECT without FROM: a bare name is an error in PostgreSQL too,
		// but it is more often a keyword-like function we do not model.
		return OutputColumn{}, false
	}
	if len(tables) == 1 {
		bd.unknownColumn(col, "", tables[0], loc)
		return OutputColumn{}, false
	}
	bd.problem(ProblemUnknownColumn, loc, col, fmt.Sprintf("column %q does not exist in %s", col, relsNames(tables)), bd.tombstoneIn(col, tables))
	return OutputColumn{}, false
}

func (bd *binder) tombstoneIn(col string, rels []*rel) *Tombstone {
	for _, r := range rels {
		if r.table != nil {
			if ts := r.table.DroppedColumn(col); ts != nil {
				return ts
			}
		}
	}
	return nil
}

func (bd *binder) unknownColumn(col, qual string, r *rel, loc int32) {
	where := r.name
	if r.table != nil {
		where = r.table.QualifiedName()
	}
	ref := col
	if qual != "" {
		ref = qual + "." + col
	}
	msg := fmt.Sprintf("column %q does not exist in %q", ref, where)
	var ts *Tombstone
	if r.table != nil {
		ts = r.table.DroppedColumn(col)
	}
	if ts == nil {
		if s := suggest(col, r.cols); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
	}
	bd.problem(ProblemUnknownColumn, loc, ref, msg, ts)
}

// suggest returns the column name closest to name, if close enough.
func suggest(name string, cols []OutputColumn) string {
	best, bestD := "", 3
	for _, c := range cols {
		if d := editDistance(name, c.Name); d < bestD && d <= len(name)/3+1 {
			best, bestD = c.Name, d
		}
	}
	if best != "" || len(name) < 3 {
		return best
	}
	// A prefix is a likely abbreviation: nick for nickname.
	for _, c := range cols {
		if strings.HasPrefix(c.Name, name) || strings.HasPrefix(name, c.Name) && len(c.Name) >= 3 {
			if best != "" {
				return "" // more than one: no suggestion
			}
			best = c.Name
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// exprColumn describes the output column an expression yields.
func (bd *binder) exprColumn(n *pgsql.Node, sc *scope) OutputColumn {
	switch {
	case n.GetColumnRef() != nil:
		cr := n.GetColumnRef()
		names := pgsql.Strings(cr.GetFields())
		c, ok := bd.lookupQuiet(cr, sc)
		if !ok {
			return OutputColumn{Name: names[len(names)-1]}
		}
		c.Name = names[len(names)-1]
		return c
	case n.GetAConst() != nil:
		ac := n.GetAConst()
		c := OutputColumn{Name: "?column?", Nullable: NotNullable}
		switch {
		case ac.GetIsnull():
			c.Nullable = Nullable
		case ac.GetIval() != nil:
			c.Type = "int4"
		case ac.GetSval() != nil:
			c.Type = "text"
		case ac.GetBoolval() != nil:
			c.Type = "bool"
		case ac.GetFval() != nil:
			c.Type = "numeric"
		}
		return c
	case n.GetTypeCast() != nil:
		tc := n.GetTypeCast()
		c := bd.exprColumn(tc.GetArg(), sc)
		c.Type = NormalizeType(tc.GetTypeName(), bd.cat)
		if n := pgsql.Strings(tc.GetTypeName().GetNames()); len(n) > 0 && c.Name == "?column?" {
			c.Name = n[len(n)-1]
		}
		return c
	case n.GetFuncCall() != nil:
		fc := n.GetFuncCall()
		names := pgsql.Strings(fc.GetFuncname())
		fn := strings.ToLower(names[len(names)-1])
		c := OutputColumn{Name: fn}
		switch fn {
		case "count":
			c.Type, c.Nullable = "int8", NotNullable
		case "sum", "max", "min", "avg", "array_agg", "string_agg", "json_agg", "jsonb_agg", "bool_and", "bool_or", "every":
			// Aggregates over no rows (or only NULLs) return NULL.
			if fc.GetOver() == nil {
				c.Nullable = Nullable
			}
			if fn == "max" || fn == "min" {
				if args := fc.GetArgs(); len(args) == 1 {
					c.Type = bd.exprColumn(args[0], sc).Type
				}
			}
		case "now", "current_timestamp", "clock_timestamp", "statement_timestamp", "transaction_timestamp":
			c.Type, c.Nullable = "timestamptz", NotNullable
		case "exists":
			c.Type, c.Nullable = "bool", NotNullable
		}
		return c
	case n.GetCoalesceExpr() != nil:
		args := n.GetCoalesceExpr().GetArgs()
		c := OutputColumn{Name: "coalesce"}
		for _, a := range args {
			ac := bd.exprColumn(a, sc)
			if a == args[0] {
				c.Type = ac.Type
			}
			if ac.Nullable == NotNullable {
				c.Nullable = NotNullable
			}
		}
		return c
	case n.GetSubLink() != nil:
		sl := n.GetSubLink()
		c := OutputColumn{Name: "?column?"}
		switch sl.GetSubLinkType() {
		case pgsql.SubLinkType_EXISTS_SUBLINK:
			c.Name, c.Type, c.Nullable = "exists", "bool", NotNullable
		case pgsql.SubLinkType_ARRAY_SUBLINK:
			c.Name, c.Nullable = "array", NotNullable
		case pgsql.SubLinkType_EXPR_SUBLINK:
			// A scalar subquery is NULL when it finds no row.
			c.Nullable = Nullable
		}
		return c
	case n.GetSqlvalueFunction() != nil:
		return OutputColumn{Name: "?column?", Nullable: NotNullable}
	case n.GetParamRef() != nil:
		return OutputColumn{Name: "?column?"}
	case n.GetCaseExpr() != nil:
		return OutputColumn{Name: "case"}
	}
	return OutputColumn{Name: "?column?"}
}

// lookupQuiet resolves a column reference without recording problems
// (they were recorded when the expression was checked).
func (bd *binder) lookupQuiet(cr *pgsql.ColumnRef, sc *scope) (OutputColumn, bool) {
	saved := len(bd.b.Problems)
	c, ok := bd.columnRef(cr, sc)
	bd.b.Problems = bd.b.Problems[:saved]
	return c, ok
}

// targetTable resolves the table an INSERT/UPDATE/DELETE writes.
func (bd *binder) targetTable(rv *pgsql.RangeVar, sc *scope) *rel {
	r := bd.rangeVar(rv, sc)
	if r == nil {
		return nil
	}
	if r.table != nil {
		bd.b.Target = r.table
	}
	sc.rels = append(sc.rels, r)
	return r
}

func (bd *binder) returning(list []*pgsql.Node, sc *scope) ([]OutputColumn, bool) {
	if len(list) == 0 {
		return nil, true
	}
	var out []OutputColumn
	known := true
	for _, t := range list {
		rt := t.GetResTarget()
		if rt == nil {
			continue
		}
		if cr := rt.GetVal().GetColumnRef(); cr != nil && isStar(cr) {
			cols, ok := bd.star(cr, sc)
			out = append(out, cols...)
			known = known && ok
			continue
		}
		bd.expr(rt.GetVal(), sc)
		c := bd.exprColumn(rt.GetVal(), sc)
		if rt.GetName() != "" {
			c.Name = rt.GetName()
		}
		out = append(out, c)
	}
	return out, known
}

func (bd *binder) insertStmt(s *pgsql.InsertStmt, parent *scope) ([]OutputColumn, bool) {
	sc := bd.withClause(s.GetWithClause(), parent)
	inner := &scope{parent: sc, usingCols: map[string]bool{}}
	target := bd.targetTable(s.GetRelation(), inner)
	before := len(bd.b.Problems)
	var cols []string
	for _, c := range s.GetCols() {
		rt := c.GetResTarget()
		if rt == nil {
			continue
		}
		cols = append(cols, rt.GetName())
		if target != nil && target.known && !relsHave([]*rel{target}, rt.GetName()) {
			bd.unknownTargetColumn(rt.GetName(), target, rt.GetLocation())
		}
	}
	explicit := len(cols) > 0
	if !explicit && target != nil && target.table != nil {
		for _, c := range target.table.Columns {
			if c.Generated == "" {
				cols = append(cols, c.Name)
			}
		}
	}
	// The source: VALUES rows or a SELECT, bound in a scope that does
	// not see the target.
	provided := -1
	if sel := s.GetSelectStmt().GetSelectStmt(); sel != nil {
		if rows := sel.GetValuesLists(); len(rows) > 0 {
			for _, row := range rows {
				items := row.GetList().GetItems()
				bd.exprs(items, sc)
				if target != nil && target.table != nil && len(cols) > 0 {
					bd.checkArity(len(items), len(cols), explicit, row.GetList(), s)
				}
				if provided < 0 || len(items) < provided {
					provided = len(items)
				}
			}
			bd.exprs(sel.GetSortClause(), sc)
		} else {
			out, known := bd.selectStmt(sel, &scope{parent: sc})
			if known && target != nil && target.table != nil && len(cols) > 0 && !hasDyn(out) {
				bd.checkArity(len(out), len(cols), explicit, nil, s)
			}
			if known {
				provided = len(out)
			}
		}
	} else if s.GetSelectStmt() == nil {
		provided = 0 // DEFAULT VALUES
	}
	if target != nil && target.table != nil && provided >= 0 && !hasKindSince(bd.b.Problems, ProblemUnknownColumn, before) {
		bd.checkNotNull(target.table, cols, provided, explicit, s)
	}
	if oc := s.GetOnConflictClause(); oc != nil && target != nil {
		for _, ie := range oc.GetInfer().GetIndexElems() {
			if el := ie.GetIndexElem(); el != nil && el.GetName() != "" && target.known && !relsHave([]*rel{target}, el.GetName()) {
				bd.unknownTargetColumn(el.GetName(), target, int32(-1))
			}
		}
		ex := &rel{name: "excluded", cols: target.cols, known: target.known, hidden: true}
		csc := &scope{parent: sc, rels: []*rel{target, ex}}
		for _, t := range oc.GetTargetList() {
			rt := t.GetResTarget()
			if rt == nil {
				continue
			}
			if target.known && !relsHave([]*rel{target}, rt.GetName()) {
				bd.unknownTargetColumn(rt.GetName(), target, rt.GetLocation())
			}
			bd.expr(rt.GetVal(), csc)
		}
		bd.expr(oc.GetWhereClause(), csc)
	}
	return bd.returning(s.GetReturningList(), inner)
}

func hasDyn(cols []OutputColumn) bool {
	for _, c := range cols {
		if strings.Contains(c.Name, dynMarker) {
			return true
		}
	}
	return false
}

// copyStmt resolves COPY table (columns): pgx's CopyFrom sends one.
func (bd *binder) copyStmt(cs *pgsql.CopyStmt, sc *scope) {
	target := bd.targetTable(cs.GetRelation(), sc)
	if target == nil || !target.known {
		return
	}
	for _, n := range cs.GetAttlist() {
		if col := pgsql.StringValue(n); col != "" && !relsHave([]*rel{target}, col) {
			bd.unknownTargetColumn(col, target, cs.GetRelation().GetLocation())
		}
	}
}

func (bd *binder) unknownTargetColumn(col string, r *rel, loc int32) {
	name := r.name
	if r.table != nil {
		name = r.table.QualifiedName()
	}
	msg := fmt.Sprintf("column %q of relation %q does not exist", col, name)
	var ts *Tombstone
	if r.table != nil {
		ts = r.table.DroppedColumn(col)
	}
	if ts == nil {
		if s := suggest(col, r.cols); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
	}
	bd.problem(ProblemUnknownColumn, loc, col, msg, ts)
}

func (bd *binder) checkArity(values, cols int, explicit bool, row *pgsql.List, s *pgsql.InsertStmt) {
	loc := s.GetRelation().GetLocation()
	switch {
	case values > cols:
		bd.problem(ProblemInsertArity, loc, "", fmt.Sprintf("INSERT has more expressions (%d) than target columns (%d)", values, cols), nil)
	case values < cols && explicit:
		bd.problem(ProblemInsertArity, loc, "", fmt.Sprintf("INSERT has more target columns (%d) than expressions (%d)", cols, values), nil)
	}
}

// checkNotNull reports NOT NULL columns without a default that the INSERT
// leaves out.
func (bd *binder) checkNotNull(t *Table, cols []string, provided int, explicit bool, s *pgsql.InsertStmt) {
	given := map[string]bool{}
	for i, c := range cols {
		if explicit || i < provided {
			given[c] = true
		}
	}
	var missing []string
	for _, c := range t.Columns {
		if !c.NotNull || given[c.Name] || c.Default != "" || c.Identity != "" || c.Generated != "" || c.Serial != "" {
			continue
		}
		missing = append(missing, c.Name)
	}
	if len(missing) == 0 {
		return
	}
	what := fmt.Sprintf("column %q", missing[0])
	if len(missing) > 1 {
		q := make([]string, len(missing))
		for i, m := range missing {
			q[i] = fmt.Sprintf("%q", m)
		}
		what = "columns " + strings.Join(q, ", ")
	}
	bd.problem(ProblemInsertNotNull, s.GetRelation().GetLocation(), missing[0],
		fmt.Sprintf("INSERT into %q omits %s, NOT NULL without a default; the insert fails with a not-null violation", t.QualifiedName(), what), nil)
}

func (bd *binder) updateStmt(s *pgsql.UpdateStmt, parent *scope) ([]OutputColumn, bool) {
	sc := bd.withClause(s.GetWithClause(), parent)
	inner := &scope{parent: sc, usingCols: map[string]bool{}}
	target := bd.targetTable(s.GetRelation(), inner)
	for _, f := range s.GetFromClause() {
		bd.fromItem(f, inner, false)
	}
	for _, t := range s.GetTargetList() {
		rt := t.GetResTarget()
		if rt == nil {
			continue
		}
		if target != nil && target.known && !relsHave([]*rel{target}, rt.GetName()) {
			bd.unknownTargetColumn(rt.GetName(), target, rt.GetLocation())
		}
		bd.expr(rt.GetVal(), inner)
	}
	bd.expr(s.GetWhereClause(), inner)
	return bd.returning(s.GetReturningList(), inner)
}

func (bd *binder) deleteStmt(s *pgsql.DeleteStmt, parent *scope) ([]OutputColumn, bool) {
	sc := bd.withClause(s.GetWithClause(), parent)
	inner := &scope{parent: sc, usingCols: map[string]bool{}}
	bd.targetTable(s.GetRelation(), inner)
	for _, f := range s.GetUsingClause() {
		bd.fromItem(f, inner, false)
	}
	bd.expr(s.GetWhereClause(), inner)
	return bd.returning(s.GetReturningList(), inner)
}

// hasKindSince reports whether problems[from:] has one of kind.
func hasKindSince(ps []Problem, kind ProblemKind, from int) bool {
	for _, p := range ps[from:] {
		if p.Kind == kind {
			return true
		}
	}
	return false
}
