package sqlschema

import (
	"strconv"
	"strings"

	"google.golang.org/protobuf/proto"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// PredOp is the kind of condition a predicate puts on a column: what an
// index could do with it.
type PredOp int

// Predicate kinds. The Op prefix keeps these generic words out of the
// package's namespace.
const (
	OpOther      PredOp = iota // anything else: <>, @>, ~, NOT, a bare boolean, LIKE $1 (pattern unknown)
	OpEq                       // col = value
	OpIn                       // col IN (list), col = ANY($1), col IN (SELECT ...)
	OpRange                    // <, >, <=, >=, BETWEEN
	OpIsNull                   // col IS NULL
	OpIsNotNull                // col IS NOT NULL
	OpLikePrefix               // col LIKE 'abc%' (a constant pattern with no leading wildcard)
	OpLikeInfix                // col LIKE '%abc' or '_abc'
	OpILike                    // col ILIKE any pattern
)

var predOpNames = [...]string{"other", "eq", "in", "range", "is-null", "is-not-null", "like-prefix", "like-infix", "ilike"}

func (o PredOp) String() string {
	if int(o) < len(predOpNames) {
		return predOpNames[o]
	}
	return "other"
}

// Pred is one condition on a table access that an index might serve.
type Pred struct {
	// Column is the column compared; "" when the compared side is an
	// expression over the table's columns (then Expr is set).
	Column string
	// Expr is the expression compared, normalized as NormalizeExpr does
	// (column references unqualified, casts of constants dropped), e.g.
	// "lower(email)"; "" for a plain column.
	Expr string
	// Name is the name PostgreSQL gives an index column on Column or Expr
	// ("email", "lower"), for suggesting index names.
	Name string
	Op   PredOp
	// Offset is the byte offset of the compared column or expression in
	// the statement text.
	Offset int
	// Join is set when the other side of the comparison is a column of
	// another relation (o.customer_id = c.id): the predicate serves a
	// nested loop driven from that relation.
	Join bool
	// JoinWith is the index, in AccessPaths' result, of the table access
	// on the other side of a join predicate; -1 when that side is not a
	// table (a CTE, a subquery, a function).
	JoinWith int
	// Correlated is set when the other side belongs to an enclosing query
	// level: the predicate is evaluated once per outer row.
	Correlated bool
	// Dynamic is set when the compared value is (or contains) a part of
	// the query only known at run time: the column is certain, the value
	// and hence the kind of condition may not be.
	Dynamic bool
}

// OrderKey is one ORDER BY key on a table's column or expression.
type OrderKey struct {
	Column string // "" for an expression
	Expr   string // normalized expression; "" for a plain column
	Name   string // index column name, as for Pred.Name
	Desc   bool
}

// OrGroup is a WHERE conjunct that ORs conditions on one table. It is not
// in Preds: a plan can use indexes for it only through a BitmapOr, when
// every branch has a served predicate.
type OrGroup struct {
	Branches [][]Pred
	Offset   int
}

// Access is one reference to a table in a statement (a FROM or JOIN item,
// the target of UPDATE or DELETE, inside CTE bodies and subqueries too),
// with the conditions the statement puts on it.
type Access struct {
	Table  *Table
	Alias  string // the name the statement uses for the table (alias, or the table name)
	Offset int    // location of the table reference (RangeVar)
	// Preds are the usable conditions from top-level AND conjuncts of
	// WHERE and JOIN ... ON (or USING). A conjunct under OR is not here
	// (see Ors). A conjunct with a dynamic hole in place of a column is
	// dropped (and makes the level Incomplete); one whose compared value
	// is dynamic gives a predicate marked Dynamic.
	Preds []Pred
	Ors   []OrGroup
	// OrderBy is set when the statement level orders by this table's
	// columns only; HasLimit when that level has a LIMIT (or FETCH FIRST).
	OrderBy  []OrderKey
	HasLimit bool
	// Conds are the normalized texts of the conjuncts that involve this
	// table alone (for partial-index implication); Where joins them with
	// AND.
	Conds []string
	Where string
	// Joined is set when the table shares its query level with other
	// relations.
	Joined bool
	// Incomplete is set when a conjunct of this access's query level
	// could not be understood because of a dynamic hole: the query may
	// filter this table in ways not listed.
	Incomplete bool
}

// AccessPaths lists every table access of a statement with the
// predicates, ORDER BY and LIMIT that an index could serve. Relations that
// are not tables (views, CTEs, functions) are resolved for column lookups
// but are not listed. A nil catalog or statement gives nil.
func AccessPaths(cat *Catalog, stmt *pgsql.Node) []Access {
	if cat == nil || stmt == nil {
		return nil
	}
	w := &accessWalker{cat: cat}
	w.statement(stmt, nil)
	out := make([]Access, len(w.out))
	for i, a := range w.out {
		a.Where = strings.Join(a.Conds, " AND ")
		out[i] = *a
	}
	return out
}

// NormalizeExpr normalizes a printed expression (an index key or
// predicate, as in Index.Keys[i].Expr) the way AccessPaths normalizes the
// expressions of a query, so the two compare as strings. It returns expr
// unchanged when it does not parse.
func NormalizeExpr(expr string) string {
	n := parseExpr(expr)
	if n == nil {
		return expr
	}
	return normalizeNode(n)
}

// PredicateConds splits a partial index's predicate (Index.Predicate) into
// its top-level AND conjuncts, normalized as Access.Conds are.
func PredicateConds(pred string) []string {
	if strings.TrimSpace(pred) == "" {
		return nil
	}
	n := parseExpr(pred)
	if n == nil {
		return []string{pred}
	}
	var out []string
	for _, c := range conjuncts(n) {
		out = append(out, condText(c))
	}
	return out
}

// condText is the normalized text of a conjunct, an OR in parentheses so
// that joining conjuncts with AND keeps the meaning.
func condText(c *pgsql.Node) string {
	s := normalizeNode(c)
	if be := c.GetBoolExpr(); be != nil && be.GetBoolop() == pgsql.BoolExprType_OR_EXPR {
		s = "(" + s + ")"
	}
	return s
}

// SuggestIndexName returns the name PostgreSQL would give CREATE INDEX on
// the table over columns named colnames (table_col1_col2_idx, truncated to
// 63 bytes, with a number added when the name is taken).
func SuggestIndexName(cat *Catalog, t *Table, colnames []string) string {
	var s *Schema
	if cat != nil {
		s = cat.Schemas[t.Schema]
	}
	if s == nil {
		return makeObjectName(t.Name, nameAddition(indexColumnNames(colnames)), "idx")
	}
	return chooseIndexName(s, t.Name, indexColumnNames(colnames), plainIndex)
}

// arel is a relation in scope while walking a statement.
type arel struct {
	name  string // alias, or the relation name
	table *Table
	acc   int // index in accessWalker.out; -1 for non-tables
	cols  map[string]bool
	known bool // cols is complete (always for tables)
}

func (r *arel) has(col string) bool {
	if r.table != nil {
		return r.table.Column(col) != nil
	}
	return r.cols[col]
}

// alevel is one query level (a SELECT block or a DML statement), or a
// WITH scope holding only CTEs.
type alevel struct {
	parent *alevel
	rels   []*arel
	ctes   map[string]*arel
	accs   []int // accesses of this level
}

func (l *alevel) cte(name string) *arel {
	for s := l; s != nil; s = s.parent {
		if r := s.ctes[name]; r != nil {
			return r
		}
	}
	return nil
}

type accessWalker struct {
	cat *Catalog
	out []*Access
}

func (w *accessWalker) statement(n *pgsql.Node, parent *alevel) ([]string, bool) {
	switch {
	case n.GetSelectStmt() != nil:
		return w.selectStmt(n.GetSelectStmt(), parent)
	case n.GetInsertStmt() != nil:
		w.insertStmt(n.GetInsertStmt(), parent)
	case n.GetUpdateStmt() != nil:
		w.updateStmt(n.GetUpdateStmt(), parent)
	case n.GetDeleteStmt() != nil:
		w.deleteStmt(n.GetDeleteStmt(), parent)
	}
	return nil, false
}

// withClause walks the CTE bodies and returns the scope that sees them.
func (w *accessWalker) withClause(wc *pgsql.WithClause, parent *alevel) *alevel {
	if wc == nil {
		return parent
	}
	sc := &alevel{parent: parent, ctes: map[string]*arel{}}
	for _, c := range wc.GetCtes() {
		cte := c.GetCommonTableExpr()
		if cte == nil {
			continue
		}
		r := &arel{name: cte.GetCtename(), acc: -1}
		if wc.GetRecursive() {
			sc.ctes[r.name] = r // the recursive term sees the CTE, columns unknown
		}
		names, known := w.statement(cte.GetCtequery(), sc)
		if alias := pgsql.Strings(cte.GetAliascolnames()); len(alias) > 0 {
			names, known = alias, true
		}
		r.cols, r.known = nameSet(names), known
		sc.ctes[r.name] = r
	}
	return sc
}

func nameSet(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// selectStmt walks a SELECT and returns its output column names, and
// whether they are all known.
func (w *accessWalker) selectStmt(s *pgsql.SelectStmt, parent *alevel) ([]string, bool) {
	if s == nil {
		return nil, false
	}
	sc := w.withClause(s.GetWithClause(), parent)
	if s.GetOp() != pgsql.SetOperation_SETOP_NONE {
		names, known := w.selectStmt(s.GetLarg(), sc)
		w.selectStmt(s.GetRarg(), sc)
		return names, known
	}
	lv := &alevel{parent: sc}
	if vl := s.GetValuesLists(); len(vl) > 0 {
		w.sublinks(vl, lv)
		var names []string
		for i := range vl[0].GetList().GetItems() {
			names = append(names, "column"+strconv.Itoa(i+1))
		}
		return names, true
	}
	for _, f := range s.GetFromClause() {
		w.fromItem(f, lv)
	}
	w.markJoined(lv)
	w.where(s.GetWhereClause(), lv)
	w.sublinks(s.GetTargetList(), lv)
	w.sublinks([]*pgsql.Node{s.GetHavingClause()}, lv)
	w.sublinks(s.GetSortClause(), lv)
	if lc := s.GetLimitCount(); lc != nil && !lc.GetAConst().GetIsnull() {
		for _, i := range lv.accs {
			w.out[i].HasLimit = true
		}
	}
	w.orderBy(s.GetSortClause(), lv)
	return outputNames(s.GetTargetList())
}

// outputNames returns the column names a SELECT list produces.
func outputNames(list []*pgsql.Node) ([]string, bool) {
	var names []string
	for _, t := range list {
		rt := t.GetResTarget()
		if rt == nil {
			continue
		}
		if rt.GetName() != "" {
			names = append(names, rt.GetName())
			continue
		}
		if cr := rt.GetVal().GetColumnRef(); cr != nil {
			f := cr.GetFields()
			if len(f) > 0 && f[len(f)-1].GetAStar() != nil {
				return names, false
			}
		}
		name, _ := figureColname(rt.GetVal())
		if name == "" {
			name = "?column?"
		}
		names = append(names, name)
	}
	return names, true
}

func (w *accessWalker) markJoined(lv *alevel) {
	if len(lv.rels) < 2 {
		return
	}
	for _, i := range lv.accs {
		w.out[i].Joined = true
	}
}

func (w *accessWalker) insertStmt(s *pgsql.InsertStmt, parent *alevel) {
	sc := w.withClause(s.GetWithClause(), parent)
	if sel := s.GetSelectStmt(); sel != nil {
		w.statement(sel, sc)
	}
	lv := &alevel{parent: sc}
	w.sublinks(s.GetReturningList(), lv)
}

func (w *accessWalker) updateStmt(s *pgsql.UpdateStmt, parent *alevel) {
	sc := w.withClause(s.GetWithClause(), parent)
	lv := &alevel{parent: sc}
	w.rangeVar(s.GetRelation(), lv)
	for _, f := range s.GetFromClause() {
		w.fromItem(f, lv)
	}
	w.markJoined(lv)
	w.where(s.GetWhereClause(), lv)
	w.sublinks(s.GetTargetList(), lv)
	w.sublinks(s.GetReturningList(), lv)
}

func (w *accessWalker) deleteStmt(s *pgsql.DeleteStmt, parent *alevel) {
	sc := w.withClause(s.GetWithClause(), parent)
	lv := &alevel{parent: sc}
	w.rangeVar(s.GetRelation(), lv)
	for _, f := range s.GetUsingClause() {
		w.fromItem(f, lv)
	}
	w.markJoined(lv)
	w.where(s.GetWhereClause(), lv)
	w.sublinks(s.GetReturningList(), lv)
}

// sublinks walks the subqueries inside expressions, each as a level
// whose parent is lv (they may be correlated).
func (w *accessWalker) sublinks(list []*pgsql.Node, lv *alevel) {
	pgsql.InspectAll(list, func(n *pgsql.Node) bool {
		if sl := n.GetSubLink(); sl != nil {
			w.sublinks([]*pgsql.Node{sl.GetTestexpr()}, lv)
			w.statement(sl.GetSubselect(), lv)
			return false
		}
		return true
	})
}

// rangeVar adds a table, view or CTE reference to the level.
func (w *accessWalker) rangeVar(rv *pgsql.RangeVar, lv *alevel) *arel {
	if rv == nil {
		return nil
	}
	name, schema := rv.GetRelname(), rv.GetSchemaname()
	alias := name
	if a := rv.GetAlias(); a != nil && a.GetAliasname() != "" {
		alias = a.GetAliasname()
	}
	r := &arel{name: alias, acc: -1}
	if cte := lv.cte(name); cte != nil && schema == "" {
		r.cols, r.known = cte.cols, cte.known
	} else if t := w.cat.Table(schema, name); t != nil {
		r.table, r.known = t, true
		r.acc = len(w.out)
		w.out = append(w.out, &Access{Table: t, Alias: alias, Offset: int(rv.GetLocation())})
		lv.accs = append(lv.accs, r.acc)
	} else if v := w.cat.View(schema, name); v != nil && len(v.Columns) > 0 {
		names := make([]string, len(v.Columns))
		for i, c := range v.Columns {
			names[i] = c.Name
		}
		r.cols, r.known = nameSet(names), true
	}
	if a := rv.GetAlias(); a != nil && r.table == nil {
		if names := pgsql.Strings(a.GetColnames()); len(names) > 0 {
			r.cols, r.known = nameSet(names), true
		}
	}
	lv.rels = append(lv.rels, r)
	return r
}

// fromItem adds a FROM item to the level and returns its relations.
func (w *accessWalker) fromItem(n *pgsql.Node, lv *alevel) []*arel {
	switch {
	case n.GetRangeVar() != nil:
		return []*arel{w.rangeVar(n.GetRangeVar(), lv)}
	case n.GetJoinExpr() != nil:
		j := n.GetJoinExpr()
		left := w.fromItem(j.GetLarg(), lv)
		right := w.fromItem(j.GetRarg(), lv)
		// Conditions in ON do not filter the preserved side of an outer
		// join, and a nested loop must drive from it: only the nullable
		// side gets predicates (FULL: neither).
		var allowed []*arel
		switch j.GetJointype() {
		case pgsql.JoinType_JOIN_LEFT:
			allowed = right
		case pgsql.JoinType_JOIN_RIGHT:
			allowed = left
		case pgsql.JoinType_JOIN_FULL:
			allowed = []*arel{}
		}
		for _, u := range j.GetUsingClause() {
			w.usingPreds(pgsql.StringValue(u), left, right, allowed)
		}
		if j.GetIsNatural() {
			for _, l := range left {
				for c := range colNames(l) {
					w.usingPreds(c, []*arel{l}, right, allowed)
				}
			}
		}
		if q := j.GetQuals(); q != nil {
			for _, c := range conjuncts(q) {
				w.conjunct(c, lv, allowed)
			}
			w.sublinks([]*pgsql.Node{q}, lv)
		}
		all := append(append([]*arel{}, left...), right...)
		if a := j.GetAlias(); a != nil {
			r := &arel{name: a.GetAliasname(), acc: -1}
			lv.rels = append(lv.rels, r)
			return []*arel{r}
		}
		return all
	case n.GetRangeSubselect() != nil:
		rs := n.GetRangeSubselect()
		parent := lv.parent
		if rs.GetLateral() {
			parent = lv
		}
		names, known := w.statement(rs.GetSubquery(), parent)
		r := &arel{acc: -1}
		if a := rs.GetAlias(); a != nil {
			r.name = a.GetAliasname()
			if cn := pgsql.Strings(a.GetColnames()); len(cn) > 0 {
				names, known = cn, true
			}
		}
		r.cols, r.known = nameSet(names), known
		lv.rels = append(lv.rels, r)
		return []*arel{r}
	case n.GetRangeFunction() != nil:
		rf := n.GetRangeFunction()
		w.sublinks([]*pgsql.Node{n}, lv)
		r := &arel{acc: -1}
		var names []string
		if a := rf.GetAlias(); a != nil {
			r.name = a.GetAliasname()
			names = pgsql.Strings(a.GetColnames())
		}
		for _, cd := range rf.GetColdeflist() {
			if c := cd.GetColumnDef(); c != nil {
				names = append(names, c.GetColname())
			}
		}
		if len(names) == 0 && len(rf.GetFunctions()) == 1 && r.name != "" {
			names = []string{r.name} // unnest($1) AS id: the column is named by the alias
		}
		r.cols, r.known = nameSet(names), len(names) > 0
		lv.rels = append(lv.rels, r)
		return []*arel{r}
	}
	r := &arel{acc: -1}
	lv.rels = append(lv.rels, r)
	return []*arel{r}
}

func colNames(r *arel) map[string]bool {
	if r.table == nil {
		return r.cols
	}
	m := map[string]bool{}
	for _, c := range r.table.Columns {
		m[c.Name] = true
	}
	return m
}

// usingPreds adds JOIN ... USING (col) equality on both sides.
func (w *accessWalker) usingPreds(col string, left, right, allowed []*arel) {
	var l, r *arel
	for _, x := range left {
		if x.has(col) {
			l = x
		}
	}
	for _, x := range right {
		if x.has(col) {
			r = x
		}
	}
	if l == nil || r == nil {
		return
	}
	w.addJoin(l, col, r, false, allowed, -1)
	w.addJoin(r, col, l, false, allowed, -1)
}

func (w *accessWalker) addJoin(r *arel, col string, other *arel, correlated bool, allowed []*arel, off int) {
	if r.acc < 0 || !isAllowed(r, allowed) {
		return
	}
	w.out[r.acc].Preds = append(w.out[r.acc].Preds, Pred{
		Column: col, Name: col, Op: OpEq, Offset: off, Join: true, JoinWith: other.acc, Correlated: correlated,
	})
}

func isAllowed(r *arel, allowed []*arel) bool {
	if allowed == nil {
		return true
	}
	for _, a := range allowed {
		if a == r {
			return true
		}
	}
	return false
}

// where adds the conditions of a WHERE clause.
func (w *accessWalker) where(n *pgsql.Node, lv *alevel) {
	if n == nil {
		return
	}
	for _, c := range conjuncts(n) {
		w.conjunct(c, lv, nil)
	}
	w.sublinks([]*pgsql.Node{n}, lv)
}

// conjuncts flattens nested ANDs.
func conjuncts(n *pgsql.Node) []*pgsql.Node {
	if be := n.GetBoolExpr(); be != nil && be.GetBoolop() == pgsql.BoolExprType_AND_EXPR {
		var out []*pgsql.Node
		for _, a := range be.GetArgs() {
			out = append(out, conjuncts(a)...)
		}
		return out
	}
	return []*pgsql.Node{n}
}

// operand is one side of a comparison, classified by the relations its
// columns belong to.
type operand struct {
	node  *pgsql.Node // the expression compared
	rel   *arel       // the one relation referenced; nil for none
	outer bool        // rel is from an enclosing level
	col   string      // set when the operand is a plain column of rel
	multi bool        // references several relations, or a column that does not resolve
	hole  bool        // contains a dynamic marker (in a name or a constant)
}

func (w *accessWalker) classify(n *pgsql.Node, lv *alevel) operand {
	op := operand{node: n}
	if n == nil {
		return op
	}
	inner := stripTextCast(n)
	pgsql.Inspect(n, func(x *pgsql.Node) bool {
		if x.GetSubLink() != nil {
			return false // a subquery is a value here; it is walked on its own
		}
		if sv := x.GetAConst().GetSval(); sv != nil && strings.Contains(sv.GetSval(), dynMarker) {
			op.hole = true // '%d' filled in by Sprintf
		}
		cr := x.GetColumnRef()
		if cr == nil {
			return true
		}
		fields := pgsql.Strings(cr.GetFields())
		if strings.Contains(strings.Join(fields, "."), dynMarker) {
			op.hole = true
			return false
		}
		r, depth := resolveColumn(cr, lv)
		switch {
		case r == nil:
			op.multi = true
		case op.rel == nil:
			op.rel, op.outer = r, depth > 0
		case op.rel != r:
			op.multi = true
		}
		return false
	})
	if cr := inner.GetColumnRef(); cr != nil && op.rel != nil && !op.multi && !op.hole {
		f := pgsql.Strings(cr.GetFields())
		op.col = f[len(f)-1]
	}
	return op
}

// stripTextCast returns the column under a cast to a text type
// (varchar_col::text is how PostgreSQL compares varchar; the index serves
// it).
func stripTextCast(n *pgsql.Node) *pgsql.Node {
	for {
		tc := n.GetTypeCast()
		if tc == nil || tc.GetArg().GetColumnRef() == nil || !textType(tc.GetTypeName()) {
			return n
		}
		n = tc.GetArg()
	}
}

func textType(tn *pgsql.TypeName) bool {
	names := pgsql.Strings(tn.GetNames())
	if len(names) == 0 || len(tn.GetArrayBounds()) > 0 {
		return false
	}
	switch names[len(names)-1] {
	case "text", "varchar", "bpchar":
		return true
	}
	return false
}

// resolveColumn finds the relation a column reference belongs to, and how
// many levels up it is; nil when it does not resolve to exactly one.
func resolveColumn(cr *pgsql.ColumnRef, lv *alevel) (*arel, int) {
	fields := cr.GetFields()
	if len(fields) == 0 || fields[len(fields)-1].GetAStar() != nil {
		return nil, 0
	}
	names := pgsql.Strings(fields)
	col := names[len(names)-1]
	depth := 0
	for l := lv; l != nil; l = l.parent {
		if len(l.rels) == 0 {
			continue // a WITH scope
		}
		if len(names) >= 2 {
			qual := names[len(names)-2]
			for _, r := range l.rels {
				if r.name != qual {
					continue
				}
				if r.known && !r.has(col) {
					return nil, 0
				}
				return r, depth
			}
		} else {
			var found *arel
			n, maybe := 0, false
			for _, r := range l.rels {
				switch {
				case r.has(col):
					found, n = r, n+1
				case !r.known:
					maybe = true
				}
			}
			if n == 1 && !maybe {
				return found, depth
			}
			if n > 0 || maybe {
				return nil, 0
			}
		}
		depth++
	}
	return nil, 0
}

// conjunct adds the predicates of one top-level AND conjunct. allowed,
// when not nil, limits which relations get predicates (outer joins).
func (w *accessWalker) conjunct(c *pgsql.Node, lv *alevel, allowed []*arel) {
	if w.holeConjunct(c, lv) {
		return
	}

	if be := c.GetBoolExpr(); be != nil && be.GetBoolop() == pgsql.BoolExprType_OR_EXPR {
		w.orConjunct(c, be, lv, allowed)
		return
	}
	preds, single := w.predsOf(c, lv)
	for _, rp := range preds {
		if rp.pred.Dynamic {
			single = nil // its text says nothing a partial index could need
		}
		if rp.rel.acc < 0 || !isAllowed(rp.rel, allowed) {
			continue
		}
		w.out[rp.rel.acc].Preds = append(w.out[rp.rel.acc].Preds, rp.pred)
	}
	if single != nil && single.acc >= 0 && isAllowed(single, allowed) {
		a := w.out[single.acc]
		a.Conds = append(a.Conds, condText(c))
	}
}

// holeConjunct reports a conjunct with a dynamic hole where a name
// belongs, and marks the level incomplete: the hole may be any filter.
// A hole that only stands for a compared value (status = %d, id IN (%s))
// is not reported: the predicate is kept, marked Dynamic.
func (w *accessWalker) holeConjunct(c *pgsql.Node, lv *alevel) bool {
	has := false
	pgsql.Inspect(c, func(x *pgsql.Node) bool {
		if x.GetSubLink() != nil {
			return false
		}
		if cr := x.GetColumnRef(); cr != nil && strings.Contains(strings.Join(pgsql.Strings(cr.GetFields()), "."), dynMarker) {
			has = true
		}
		return !has
	})
	if !has {
		return false
	}
	if ae := c.GetAExpr(); ae != nil {
		l, r := w.classify(ae.GetLexpr(), lv), w.classify(ae.GetRexpr(), lv)
		if (l.rel != nil && !l.hole && r.hole && r.rel == nil) || (r.rel != nil && !r.hole && l.hole && l.rel == nil) {
			return false
		}
	}
	for _, i := range lv.accs {
		w.out[i].Incomplete = true
	}
	return true
}

// orConjunct records an OR of conditions that all fall on one table.
func (w *accessWalker) orConjunct(c *pgsql.Node, be *pgsql.BoolExpr, lv *alevel, allowed []*arel) {
	var on *arel
	var branches [][]Pred
	for _, arm := range be.GetArgs() {
		var branch []Pred
		for _, ac := range conjuncts(arm) {
			if ob := ac.GetBoolExpr(); ob != nil && ob.GetBoolop() == pgsql.BoolExprType_OR_EXPR {
				return // nested ORs: give up
			}
			preds, _ := w.predsOf(ac, lv)
			for _, rp := range preds {
				if rp.pred.Join || (on != nil && rp.rel != on) {
					return
				}
				on = rp.rel
				branch = append(branch, rp.pred)
			}
		}
		branches = append(branches, branch)
	}
	if on == nil || on.acc < 0 || !isAllowed(on, allowed) {
		return
	}
	a := w.out[on.acc]
	a.Ors = append(a.Ors, OrGroup{Branches: branches, Offset: int(be.GetLocation())})
	a.Conds = append(a.Conds, condText(c))
}

type relPred struct {
	rel  *arel
	pred Pred
}

// predsOf returns the predicates one conjunct puts on relations of the
// level, and the one current-level relation it involves alone (for
// Conds), if any.
func (w *accessWalker) predsOf(c *pgsql.Node, lv *alevel) ([]relPred, *arel) {
	switch {
	case c.GetAExpr() != nil:
		return w.aExpr(c.GetAExpr(), lv)
	case c.GetNullTest() != nil:
		nt := c.GetNullTest()
		o := w.classify(nt.GetArg(), lv)
		op := OpIsNull
		if nt.GetNulltesttype() == pgsql.NullTestType_IS_NOT_NULL {
			op = OpIsNotNull
		}
		return w.onePred(o, op)
	case c.GetSubLink() != nil:
		sl := c.GetSubLink()
		if sl.GetSubLinkType() != pgsql.SubLinkType_ANY_SUBLINK || sl.GetTestexpr() == nil {
			return nil, nil
		}
		o := w.classify(sl.GetTestexpr(), lv)
		op := OpOther
		if on := pgsql.Strings(sl.GetOperName()); len(on) == 0 || on[len(on)-1] == "=" {
			op = OpIn
		}
		return w.onePred(o, op)
	}
	// Anything else on one table (a bare boolean column, NOT, a function
	// call) is an Other predicate on it.
	return w.onePred(w.classify(c, lv), OpOther)
}

// onePred is the predicate of a condition with one column side and no
// value side referencing relations.
func (w *accessWalker) onePred(o operand, op PredOp) ([]relPred, *arel) {
	if o.rel == nil || o.multi || o.hole || o.outer {
		return nil, nil
	}
	return []relPred{{o.rel, w.pred(o, op)}}, o.rel
}

func (w *accessWalker) pred(o operand, op PredOp) Pred {
	p := Pred{Op: op, Offset: nodeLocation(o.node), JoinWith: -1}
	if o.col != "" {
		p.Column, p.Name = o.col, o.col
		return p
	}
	p.Expr = normalizeNode(o.node)
	p.Name = indexExprColname(o.node)
	return p
}

func (w *accessWalker) aExpr(ae *pgsql.A_Expr, lv *alevel) ([]relPred, *arel) {
	opname := ""
	if n := pgsql.Strings(ae.GetName()); len(n) > 0 {
		opname = n[len(n)-1]
	}
	// (a, b) = ($1, $2): one equality per pair.
	if lr, rr := ae.GetLexpr().GetRowExpr(), ae.GetRexpr().GetRowExpr(); lr != nil && rr != nil &&
		ae.GetKind() == pgsql.A_Expr_Kind_AEXPR_OP && opname == "=" && len(lr.GetArgs()) == len(rr.GetArgs()) {
		var out []relPred
		var single *arel
		for i := range lr.GetArgs() {
			ps, s := w.compare(lr.GetArgs()[i], rr.GetArgs()[i], OpEq, lv)
			out = append(out, ps...)
			if i == 0 {
				single = s
			} else if s != single {
				single = nil
			}
		}
		return out, single
	}
	op := OpOther
	switch ae.GetKind() {
	case pgsql.A_Expr_Kind_AEXPR_OP:
		switch opname {
		case "=":
			op = OpEq
		case "<", ">", "<=", ">=":
			op = OpRange
		}
	case pgsql.A_Expr_Kind_AEXPR_OP_ANY, pgsql.A_Expr_Kind_AEXPR_IN:
		if opname == "=" {
			op = OpIn
		}
	case pgsql.A_Expr_Kind_AEXPR_BETWEEN, pgsql.A_Expr_Kind_AEXPR_BETWEEN_SYM:
		op = OpRange
	case pgsql.A_Expr_Kind_AEXPR_LIKE:
		if opname == "~~" {
			op = likeOp(ae.GetRexpr())
		}
		return w.patternPred(ae, op, lv)
	case pgsql.A_Expr_Kind_AEXPR_ILIKE:
		if opname == "~~*" {
			op = OpILike
		}
		return w.patternPred(ae, op, lv)
	}
	return w.compare(ae.GetLexpr(), ae.GetRexpr(), op, lv)
}

// patternPred is col LIKE pattern: only the left side is the column.
func (w *accessWalker) patternPred(ae *pgsql.A_Expr, op PredOp, lv *alevel) ([]relPred, *arel) {
	l, r := w.classify(ae.GetLexpr(), lv), w.classify(ae.GetRexpr(), lv)
	if r.rel != nil || r.multi {
		return nil, nil
	}
	if r.hole {
		return markDynamic(w.onePred(l, OpOther))
	}
	return w.onePred(l, op)
}

// likeOp classifies a LIKE pattern: a constant without a leading wildcard
// can use a B-tree; a parameter could be anything.
func likeOp(pattern *pgsql.Node) PredOp {
	for pattern.GetTypeCast() != nil {
		pattern = pattern.GetTypeCast().GetArg()
	}
	sv := pattern.GetAConst().GetSval()
	if sv == nil {
		return OpOther
	}
	s := sv.GetSval()
	if strings.Contains(s, dynMarker) {
		return OpOther // a dynamic part may start with a wildcard
	}
	if s == "" || s[0] == '%' || s[0] == '_' {
		return OpLikeInfix
	}
	return OpLikePrefix
}

// compare is lhs OP rhs with op already classified.
func (w *accessWalker) compare(lhs, rhs *pgsql.Node, op PredOp, lv *alevel) ([]relPred, *arel) {
	l := w.classify(lhs, lv)
	var r operand
	if list := rhs.GetList(); list != nil {
		// IN (a, b) and BETWEEN a AND b: the items are the values.
		for _, it := range list.GetItems() {
			o := w.classify(it, lv)
			r.multi = r.multi || o.rel != nil || o.multi
			r.hole = r.hole || o.hole
		}
	} else {
		r = w.classify(rhs, lv)
	}
	if l.multi || r.multi || (l.hole && l.rel != nil) || (r.hole && r.rel != nil) {
		return nil, nil
	}
	switch {
	case l.rel == nil && r.rel == nil:
		return nil, nil
	case r.rel == nil && r.hole:
		return markDynamic(w.onePred(l, op))
	case l.rel == nil && l.hole:
		return markDynamic(w.onePred(r, op))
	case r.rel == nil:
		return w.onePred(l, op)
	case l.rel == nil:
		return w.onePred(r, op)
	case l.rel == r.rel:
		// a.x = a.y: a condition on one table no index serves as such.
		if l.outer {
			return nil, nil
		}
		p := Pred{Op: OpOther, Offset: nodeLocation(lhs), JoinWith: -1}
		if l.col != "" {
			p.Column, p.Name = l.col, l.col
		} else {
			p.Expr, p.Name = normalizeNode(lhs), indexExprColname(lhs)
		}
		return []relPred{{l.rel, p}}, l.rel
	}
	if op != OpEq && op != OpRange && op != OpIn {
		return nil, nil
	}
	if op == OpIn {
		op = OpEq // col = ANY(other.arr) is rare; treat as a join equality
	}
	var out []relPred
	for _, side := range [][2]operand{{l, r}, {r, l}} {
		me, other := side[0], side[1]
		if me.outer {
			continue // the outer query's own scan is not driven by this
		}
		p := w.pred(me, op)
		p.Join, p.JoinWith, p.Correlated = true, other.rel.acc, other.outer
		out = append(out, relPred{me.rel, p})
	}
	return out, nil
}

func markDynamic(preds []relPred, single *arel) ([]relPred, *arel) {
	for i := range preds {
		preds[i].pred.Dynamic = true
	}
	return preds, single
}

// orderBy records ORDER BY keys that all fall on one table of the level.
func (w *accessWalker) orderBy(sorts []*pgsql.Node, lv *alevel) {
	if len(sorts) == 0 {
		return
	}
	var on *arel
	var keys []OrderKey
	for _, s := range sorts {
		sb := s.GetSortBy()
		if sb == nil || sb.GetSortbyDir() == pgsql.SortByDir_SORTBY_USING {
			return
		}
		o := w.classify(sb.GetNode(), lv)
		if o.rel == nil || o.multi || o.hole || o.outer || (on != nil && o.rel != on) {
			return
		}
		on = o.rel
		p := w.pred(o, OpOther)
		keys = append(keys, OrderKey{Column: p.Column, Expr: p.Expr, Name: p.Name, Desc: sb.GetSortbyDir() == pgsql.SortByDir_SORTBY_DESC})
	}
	if on.acc >= 0 {
		w.out[on.acc].OrderBy = keys
	}
}

// nodeLocation returns the location of an expression node: its own, or
// that of the first column reference in it; -1 when none.
func nodeLocation(n *pgsql.Node) int {
	switch {
	case n.GetColumnRef() != nil:
		return int(n.GetColumnRef().GetLocation())
	case n.GetFuncCall() != nil:
		return int(n.GetFuncCall().GetLocation())
	case n.GetAExpr() != nil:
		if l := nodeLocation(n.GetAExpr().GetLexpr()); l >= 0 {
			return l
		}
		return int(n.GetAExpr().GetLocation())
	case n.GetTypeCast() != nil:
		return nodeLocation(n.GetTypeCast().GetArg())
	}
	loc := -1
	pgsql.Inspect(n, func(x *pgsql.Node) bool {
		if cr := x.GetColumnRef(); cr != nil && loc < 0 {
			loc = int(cr.GetLocation())
		}
		return loc < 0
	})
	return loc
}

// normalizeNode prints an expression so that equal conditions compare
// equal: column references lose their qualifiers, casts of constants are
// dropped, and so are casts of columns to text types (pg_dump prints
// (email)::text where the migration said email). The shared parse tree
// is not modified.
func normalizeNode(n *pgsql.Node) string {
	c := proto.Clone(n).(*pgsql.Node)
	pgsql.Inspect(c, func(x *pgsql.Node) bool {
		for {
			tc := x.GetTypeCast()
			if tc == nil {
				break
			}
			arg := tc.GetArg()
			if arg.GetAConst() == nil && !(arg.GetColumnRef() != nil && textType(tc.GetTypeName())) {
				break
			}
			x.Node = arg.Node
		}
		if cr := x.GetColumnRef(); cr != nil && len(cr.Fields) > 1 {
			cr.Fields = cr.Fields[len(cr.Fields)-1:]
		}
		return true
	})
	return pgsql.DeparseExpr(c)
}
