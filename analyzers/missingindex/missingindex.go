package missingindex

import (
	"fmt"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/schema"
	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema"
)

// Name is the analyzer's name, the family of its rule ids.
const Name = "missingindex"

// Analyzer reports queries no index serves and foreign keys without an
// index.
var Analyzer = &analysis.Analyzer{
	Name:     Name,
	Doc:      doc,
	URL:      "https://github.com/dblint/dblint/blob/main/docs/rules.md#missingindex",
	Run:      run,
	Requires: []*analysis.Analyzer{dbconfig.Analyzer, schema.Analyzer, sqlcall.Analyzer},
}

// Rules are missingindex's rule ids.
var Rules = []report.Rule{
	{Analyzer: Name, ID: "no-index", Severity: report.Warning, Summary: "a query whose conditions on a table no index serves"},
	{Analyzer: Name, ID: "unindexable-predicate", Severity: report.Warning, Summary: "LIKE '%x', ILIKE or a function over a column that no index is built for"},
	{Analyzer: Name, ID: "sort-without-index", Severity: report.Warning, Summary: "ORDER BY ... LIMIT after an indexed equality that no index provides in order"},
	{Analyzer: Name, ID: "fk-without-index", Severity: report.Warning, Summary: "a foreign key whose columns no index leads with"},
}

func run(pass *analysis.Pass) (_ any, err error) {
	cfg, _ := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	sch, _ := pass.ResultOf[schema.Analyzer].(*schema.Result)
	calls, _ := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result)
	c := &checker{
		pass: pass, cfg: cfg, r: report.New(pass, cfg),
		tables: map[*sqlschema.Table][]*index{}, seen: map[seenKey]bool{},
		sql: report.NewSQLFiles(pass.Fset),
	}
	if !calls.AnySQL() && (cfg == nil || cfg.Root == "" || !c.reportsSchema()) {
		return nil, nil // nothing to check here: do not load the schema
	}
	cat, err := sch.Catalog()
	if err != nil || cat == nil {
		return nil, err
	}
	c.cat = cat
	if calls != nil {
		for _, call := range calls.Calls {
			// Tests query a small test database: no index advice; nor
			// to another engine's SQL.
			if call.OtherDatabase != "" || report.InTestFile(pass.Fset, call.Expr.Pos()) {
				continue
			}
			c.call(call)
		}
	}
	c.foreignKeys()
	return nil, nil
}

type checker struct {
	pass   *analysis.Pass
	cfg    *dbconfig.Config
	cat    *sqlschema.Catalog
	r      *report.Reporter
	tables map[*sqlschema.Table][]*index
	seen   map[seenKey]bool
	sql    *report.SQLFiles
}

// seenKey merges identical findings within one function.
type seenKey struct {
	fn   ast.Node
	rule string
	msg  string
}

func (c *checker) call(call *sqlcall.Call) {
	switch call.Kind {
	case sqlcall.KindFragment, sqlcall.KindORM, sqlcall.KindSendBatch:
		return
	}
	for i := range call.Queries {
		q := &call.Queries[i]
		if q.ParseErr != nil {
			continue
		}
		for si := range q.Statements {
			c.statement(call, q, sqlschema.AccessPaths(c.cat, q.Statements[si].Node))
		}
	}
}

// finding is one diagnostic about a table access, at an offset of the
// parsed query text.
type finding struct {
	rule   string
	offset int
	msg    string
}

func (c *checker) statement(call *sqlcall.Call, q *sqlcall.Query, accs []sqlschema.Access) {
	for _, a := range accs {
		if a.Incomplete {
			return // a dynamic part of the WHERE may be the filter an index serves
		}
	}
	for i := range accs {
		t := accs[i].Table
		if c.cfg.IsSmallTable(t.QualifiedName(), t.RowEstimate) {
			continue
		}
		f, ok := c.access(accs, i)
		if !ok {
			continue
		}
		key := seenKey{call.Func, f.rule, f.msg}
		if c.seen[key] {
			continue
		}
		c.seen[key] = true
		pos := call.Expr.Pos()
		if f.offset >= 0 {
			pos = q.PosAtParsed(f.offset)
		}
		c.r.Report(f.rule, pos, pos, f.msg)
	}
}

// access decides what, if anything, to report about accs[i].
func (c *checker) access(accs []sqlschema.Access, i int) (finding, bool) {
	a := &accs[i]
	usable := c.usable(a)
	if servedAccess(a, usable) || c.servedByJoin(accs, i, usable) {
		return c.sortWithoutIndex(a, usable)
	}
	var indexable, unindexable, own []sqlschema.Pred
	for _, p := range a.Preds {
		if p.Join {
			continue
		}
		own = append(own, p)
		if p.Dynamic || lowCardinality(a.Table, p) {
			continue // no evidence for a finding: the value is unknown, or an index would not narrow much
		}
		switch {
		case p.Op == sqlschema.OpLikeInfix || p.Op == sqlschema.OpILike:
			unindexable = append(unindexable, p)
		case p.Op == sqlschema.OpOther || p.Op == sqlschema.OpIsNotNull:
		case p.Column == "":
			unindexable = append(unindexable, p)
		default:
			indexable = append(indexable, p)
		}
	}
	switch {
	case len(indexable) > 0:
		return c.noIndex(a, indexable), true
	case len(unindexable) > 0:
		return c.unindexable(a, unindexable[0]), true
	case len(own) == 0 && len(a.Ors) == 0:
		return c.joinWithoutIndex(accs, i)
	}
	return finding{}, false
}

// lowCardinality reports a condition on a boolean column: an index on it
// alone rarely narrows the scan (a partial index is the usual remedy, and
// its predicate depends on the data).
func lowCardinality(t *sqlschema.Table, p sqlschema.Pred) bool {
	col := t.Column(p.Column)
	return col != nil && (col.Type == "bool" || col.Type == "boolean")
}

// joinWithoutIndex reports a table looked up only through join conditions
// when the other side is narrowed by an index (or is an outer query whose
// every row runs the lookup): each of those rows then scans this table.
func (c *checker) joinWithoutIndex(accs []sqlschema.Access, i int) (finding, bool) {
	a := &accs[i]
	var preds []sqlschema.Pred
	from := ""
	for _, p := range a.Preds {
		if !p.Join || p.Column == "" || p.Op != sqlschema.OpEq || p.Dynamic {
			continue
		}
		switch {
		case p.Correlated:
			if from == "" {
				from = "the outer query"
			}
		case p.JoinWith >= 0 && p.JoinWith != i && c.narrowed(&accs[p.JoinWith]):
			if from == "" || from == "the outer query" {
				from = fmt.Sprintf("%q", accs[p.JoinWith].Table.QualifiedName())
			}
		default:
			continue
		}
		preds = append(preds, p)
	}
	if len(preds) == 0 {
		return finding{}, false
	}
	keys := indexKeys(preds, 0)
	off := preds[0].Offset
	if off < 0 {
		off = a.Offset
	}
	msg := fmt.Sprintf("query on %q joins on %s for each row of %s, which no index leads with; add %s",
		a.Table.QualifiedName(), labels(keys), from, c.createIndex(a.Table, keys, ""))
	return finding{"no-index", off, msg}, true
}

// servedByJoin reports whether a nested loop can look the access up by
// an index on a join condition, driven by rows that are few: the other
// side is narrowed by an index, or is an outer query row (a correlated
// subquery), or is not a table (a CTE, a subquery, unnest($1)), which we
// give the benefit of the doubt.
func (c *checker) servedByJoin(accs []sqlschema.Access, i int, usable []*index) bool {
	for _, p := range accs[i].Preds {
		if !p.Join || !served(usable, p) {
			continue
		}
		if p.Correlated || p.JoinWith < 0 || (p.JoinWith != i && c.narrowed(&accs[p.JoinWith])) {
			return true
		}
	}
	return false
}

// narrowed reports whether an access has conditions of its own (not join
// conditions) that an index serves: it returns few rows to join from.
func (c *checker) narrowed(a *sqlschema.Access) bool {
	if c.cfg.IsSmallTable(a.Table.QualifiedName(), a.Table.RowEstimate) && len(a.Preds) > 0 {
		// A small table read whole still returns few rows to join from
		// when it has a filter.
		for _, p := range a.Preds {
			if !p.Join {
				return true
			}
		}
	}
	return servedAccess(a, c.usable(a))
}

func (c *checker) noIndex(a *sqlschema.Access, preds []sqlschema.Pred) finding {
	keys := indexKeys(preds, 3)
	msg := fmt.Sprintf("query on %q filters by %s, which no index leads with; add %s",
		a.Table.QualifiedName(), labels(keys), c.createIndex(a.Table, keys, ""))
	return finding{"no-index", a.Offset, msg}
}

func (c *checker) unindexable(a *sqlschema.Access, p sqlschema.Pred) finding {
	t := a.Table.QualifiedName()
	what := predKey(p.Column, p.Expr, p.Name).label
	var msg string
	switch p.Op {
	case sqlschema.OpLikeInfix, sqlschema.OpILike:
		how := "LIKE with a leading wildcard"
		if p.Op == sqlschema.OpILike {
			how = "ILIKE"
		}
		k := predKey(p.Column, p.Expr, p.Name)
		k.sql += " gin_trgm_ops"
		remedy := c.createIndex(a.Table, []key{k}, "gin")
		if !c.cat.Extensions["pg_trgm"] {
			remedy += " after CREATE EXTENSION pg_trgm"
		}
		msg = fmt.Sprintf("query on %q filters by %s with %s, which a B-tree index cannot serve; add a trigram index: %s", t, what, how, remedy)
	default:
		msg = fmt.Sprintf("query on %q filters by %s, an expression no index is built on; add %s",
			t, what, c.createIndex(a.Table, []key{predKey("", p.Expr, p.Name)}, ""))
	}
	off := p.Offset
	if off < 0 {
		off = a.Offset
	}
	return finding{"unindexable-predicate", off, msg}
}

// sortWithoutIndex reports ORDER BY ... LIMIT on a table filtered by an
// equality a non-unique index serves, when no index has the equality
// columns then the sort keys in order: every matching row is read and
// sorted to return the first few.
func (c *checker) sortWithoutIndex(a *sqlschema.Access, usable []*index) (finding, bool) {
	if len(a.OrderBy) == 0 || !a.HasLimit || a.Joined {
		return finding{}, false
	}
	// Columns fixed by an equality (or IS NULL) come first in the index;
	// the suggestion names the equalities.
	eq := map[string]bool{}
	var eqPreds []sqlschema.Pred
	for _, p := range a.Preds {
		if p.Join || p.Dynamic || p.Column == "" || (p.Op != sqlschema.OpEq && p.Op != sqlschema.OpIsNull) || eq[p.Column] {
			continue
		}
		eq[p.Column] = true
		if p.Op == sqlschema.OpEq {
			eqPreds = append(eqPreds, p)
		}
	}
	if len(eqPreds) == 0 {
		return finding{}, false
	}
	leads := false
	for _, ix := range usable {
		if ix.btree() && len(ix.keys) > 0 && eq[ix.keys[0].column] {
			if !ix.unique {
				leads = true
			} else if ix.allColumnsIn(eq) {
				return finding{}, false // at most one row
			}
		}
	}
	if !leads {
		return finding{}, false
	}
	var sorts []sqlschema.OrderKey
	for _, k := range a.OrderBy {
		if k.Column == "" || !eq[k.Column] {
			sorts = append(sorts, k)
		}
	}
	if len(sorts) == 0 {
		return finding{}, false
	}
	for _, ix := range usable {
		if ix.providesOrder(eq, sorts) {
			return finding{}, false
		}
	}
	keys := indexKeys(eqPreds, 3)
	mixed := false
	for _, s := range sorts {
		mixed = mixed || s.Desc != sorts[0].Desc
	}
	eqLabels := labels(keys)
	var sortKeys []key
	for _, s := range sorts {
		k := predKey(s.Column, s.Expr, s.Name)
		if mixed && s.Desc {
			k.sql += " DESC"
		}
		sortKeys = append(sortKeys, k)
	}
	keys = append(keys, sortKeys...)
	msg := fmt.Sprintf("query on %q filters by %s and sorts by %s for LIMIT, but no index has them in that order, so every matching row is read and sorted; add %s",
		a.Table.QualifiedName(), eqLabels, labels(sortKeys), c.createIndex(a.Table, keys, ""))
	return finding{"sort-without-index", a.Offset, msg}, true
}

// key is one key of a suggested index: its part of the index name, its
// SQL, and how a message names it ("customer_id" quoted, an expression
// as it is).
type key struct {
	name  string
	sql   string
	label string
}

func predKey(column, expr, name string) key {
	if column != "" {
		return key{name: name, sql: quoteIdent(column), label: fmt.Sprintf("%q", column)}
	}
	return key{name: name, sql: keySQL("", expr), label: expr}
}

// indexKeys orders the suggested keys of an index for the predicates:
// equality columns first (at most maxEq of them, 0 for no limit), then
// one range column.
func indexKeys(preds []sqlschema.Pred, maxEq int) []key {
	var eq []key
	var rng *key
	seen := map[string]bool{}
	for _, p := range preds {
		id := p.Column + "\x00" + p.Expr
		if seen[id] {
			continue
		}
		switch p.Op {
		case sqlschema.OpEq, sqlschema.OpIn, sqlschema.OpIsNull:
			if maxEq > 0 && len(eq) >= maxEq {
				continue
			}
			seen[id] = true
			eq = append(eq, predKey(p.Column, p.Expr, p.Name))
		case sqlschema.OpRange, sqlschema.OpLikePrefix:
			if rng != nil {
				continue
			}
			seen[id] = true
			k := predKey(p.Column, p.Expr, p.Name)
			if p.Op == sqlschema.OpLikePrefix {
				// LIKE 'abc%' uses a B-tree only with the pattern operator
				// class (or the C collation).
				k.sql += " text_pattern_ops"
			}
			rng = &k
		}
	}
	if rng != nil {
		eq = append(eq, *rng)
	}
	return eq
}

// labels lists how a message names the keys: "a", "a" and "b", ...
func labels(keys []key) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.label
	}
	return joinList(out)
}

// createIndex renders the CREATE INDEX statement a finding suggests.
func (c *checker) createIndex(t *sqlschema.Table, keys []key, method string) string {
	names := make([]string, len(keys))
	sqls := make([]string, len(keys))
	for i, k := range keys {
		names[i], sqls[i] = k.name, k.sql
	}
	using := ""
	if method != "" {
		using = " USING " + method
	}
	return fmt.Sprintf("CREATE INDEX CONCURRENTLY %s ON %s%s (%s)",
		quoteIdent(sqlschema.SuggestIndexName(c.cat, t, names)), qualifiedIdent(t), using, strings.Join(sqls, ", "))
}

// keySQL renders an index key on a column or an expression: a function
// call stands as it is, other expressions need parentheses.
func keySQL(column, expr string) string {
	if column != "" {
		return quoteIdent(column)
	}
	if isFuncCall(expr) {
		return expr
	}
	return "(" + expr + ")"
}

// isFuncCall reports whether expr is one call, name(...), as CREATE INDEX
// accepts without extra parentheses.
func isFuncCall(expr string) bool {
	i := strings.IndexByte(expr, '(')
	if i <= 0 || !strings.HasSuffix(expr, ")") {
		return false
	}
	for _, r := range expr[:i] {
		if !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	depth := 0
	for j := i; j < len(expr); j++ {
		switch expr[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && j != len(expr)-1 {
				return false
			}
		}
	}
	return true
}

func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func qualifiedIdent(t *sqlschema.Table) string {
	if t.Schema == "" || t.Schema == "public" {
		return quoteIdent(t.Name)
	}
	return quoteIdent(t.Schema) + "." + quoteIdent(t.Name)
}

// quoteIdent quotes an identifier when PostgreSQL would not read it back
// as written.
func quoteIdent(s string) string {
	plain := s != "" && !reserved[s]
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || i > 0 && (r >= '0' && r <= '9' || r == '$')) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// reserved are PostgreSQL's reserved key words (and those reserved as
// column names), which must be quoted as identifiers.
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`all analyse analyze and any array as asc asymmetric authorization
		binary both case cast check collate collation column concurrently constraint create cross
		current_catalog current_date current_role current_schema current_time current_timestamp
		current_user default deferrable desc distinct do else end except false fetch for foreign
		freeze from full grant group having ilike in initially inner intersect into is isnull join
		lateral leading left like limit localtime localtimestamp natural not notnull null offset on
		only or order outer overlaps placing primary references returning right select session_user
		similar some symmetric system_user table tablesample then to trailing true union unique user
		using variadic verbose when where window with`) {
		reserved[w] = true
	}
}
