package querycheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/schema"
	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Analyzer checks SQL sent from Go against the schema.
var Analyzer = &analysis.Analyzer{
	Name:     "querycheck",
	Doc:      doc,
	URL:      "https://github.com/dblint/dblint/blob/main/docs/rules.md#querycheck",
	Run:      run,
	Requires: []*analysis.Analyzer{dbconfig.Analyzer, schema.Analyzer, sqlcall.Analyzer},
}

const doc = `querycheck: SQL that does not match the schema, checked before it runs

Parses every SQL text the package sends (database/sql, pgx, sqlx, GORM Raw/Exec,
sqlc) and checks it against the schema from the project's migrations: syntax,
unknown tables and columns, ambiguous columns, placeholder counts, Scan shape,
NULL scanned into non-pointer types, INSERTs that omit NOT NULL columns, and
UPDATE/DELETE without WHERE. GORM chains (Where, Order, Group, Having, Select
fragments) are checked against the table that Model, Table or the finisher's
destination names.

Silent when the SQL text cannot be resolved at compile time, on the parts of a
text built at run time (fmt.Sprintf holes), and on names a relation with unknown
columns may provide (a set-returning function, a schema the catalog does not
model).`

// Rules are querycheck's rule ids.
var Rules = []report.Rule{
	{Analyzer: "querycheck", ID: "syntax-error", Severity: report.Error, Summary: "SQL text that PostgreSQL cannot parse"},
	{Analyzer: "querycheck", ID: "unknown-table", Severity: report.Error, Summary: "a relation that does not exist in the schema"},
	{Analyzer: "querycheck", ID: "unknown-column", Severity: report.Error, Summary: "a column that does not exist in the relations in scope"},
	{Analyzer: "querycheck", ID: "ambiguous-column", Severity: report.Error, Summary: "an unqualified column found in more than one relation"},
	{Analyzer: "querycheck", ID: "placeholder-count", Severity: report.Error, Summary: "placeholders that do not match the arguments passed"},
	{Analyzer: "querycheck", ID: "scan-count", Severity: report.Error, Summary: "Scan targets that do not match the output columns"},
	{Analyzer: "querycheck", ID: "scan-null", Severity: report.Error, Summary: "a nullable column scanned into a Go type that cannot hold NULL"},
	{Analyzer: "querycheck", ID: "insert-not-null", Severity: report.Error, Summary: "an INSERT that omits a NOT NULL column with no default"},
	{Analyzer: "querycheck", ID: "insert-arity", Severity: report.Error, Summary: "an INSERT whose values do not match its column list"},
	{Analyzer: "querycheck", ID: "update-without-where", Severity: report.Warning, Summary: "an UPDATE that changes every row"},
	{Analyzer: "querycheck", ID: "delete-without-where", Severity: report.Warning, Summary: "a DELETE that removes every row"},
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	sch := pass.ResultOf[schema.Analyzer].(*schema.Result)
	calls := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result)
	r := report.New(pass, cfg)
	c := &checker{pass: pass, r: r, root: cfg.Root}
	if calls.AnySQL() {
		cat, err := sch.Catalog()
		if err != nil {
			return nil, err
		}
		c.cat = cat
	}
	for _, call := range calls.Calls {
		if call.OtherDatabase != "" {
			continue // another engine's SQL (sqlcall.Call.OtherDatabase)
		}
		c.call(call)
	}
	c.gormFragments(calls)
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	r    *report.Reporter
	cat  *sqlschema.Catalog
	root string // module root, for shortening migration paths
}

// anchor is where findings about a call's SQL go: the SQL argument, so
// the line is the one the SQL is written on (or names it).
func (c *checker) anchor(call *sqlcall.Call) token.Pos {
	if call.SQL != nil {
		return call.SQL.Pos()
	}
	return call.Expr.Pos()
}

// onSQLLine returns pos when it is on the line where the call's SQL
// argument starts (a precise column inside the literal), else the anchor:
// a finding stays on the call's line even when the SQL text lives in a
// constant elsewhere or spans several lines.
func (c *checker) onSQLLine(call *sqlcall.Call, pos token.Pos) token.Pos {
	a := c.anchor(call)
	if !pos.IsValid() || c.pass.Fset.Position(pos).Line != c.pass.Fset.Position(a).Line || c.pass.Fset.File(pos) != c.pass.Fset.File(a) {
		return a
	}
	return pos
}

// rel shortens a schema file path to one relative to the module root.
func (c *checker) rel(path string) string {
	if c.root == "" || !filepath.IsAbs(path) {
		return path
	}
	if r, err := filepath.Rel(c.root, path); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return path
}

func (c *checker) call(call *sqlcall.Call) {
	if !carriesSQL(call) {
		return
	}
	for i := range call.Queries {
		q := &call.Queries[i]
		c.query(call, q)
	}
}

// carriesSQL reports whether the call's SQL argument is a whole statement.
func carriesSQL(call *sqlcall.Call) bool {
	switch call.Kind {
	case sqlcall.KindFragment, sqlcall.KindORM, sqlcall.KindSendBatch:
		return false
	}
	return len(call.Queries) > 0
}

func (c *checker) query(call *sqlcall.Call, q *sqlcall.Query) {
	if q.ParseErr != nil {
		if q.Dynamic {
			return // a hole may stand for any syntax
		}
		pos, msg := c.anchor(call), q.ParseErr.Error()
		if pe, ok := q.ParseErr.(*pgsql.Error); ok && pe.Pos.Offset >= 0 {
			// Point into the literal when it is written in the call.
			if p := q.PosAtParsed(pe.Pos.Offset); call.SQL != nil && p >= call.SQL.Pos() && p <= call.SQL.End() {
				pos = p
			}
		}
		hint := ""
		if call.Placeholders == sqlcall.Dollar && strings.Contains(q.Text, "?") {
			if c.cat == nil && call.API != sqlcall.Pgx && call.API != sqlcall.Pgxpool && sqlcall.ParsesWithQuestionMarks(q.Text) {
				// Written for a database that takes ? (MySQL, SQLite):
				// a module with no PostgreSQL schema may talk to
				// several (a migration tool, a store per dialect).
				return
			}
			hint = "; PostgreSQL placeholders are $1, $2, ... (with sqlx, rewrite ? with db.Rebind)"
		}
		c.r.Report("syntax-error", pos, pos, fmt.Sprintf("%s in %s%s", msg, quoteSQL(q.Text), hint))
		return
	}
	if len(q.Statements) == 0 {
		return
	}
	// A multi-statement Exec (migrations run from Go): check each.
	for si := range q.Statements {
		st := &q.Statements[si]
		b := sqlschema.Bind(c.cat, st.Node)
		c.problems(call, q, b)
		if si == 0 && len(q.Statements) == 1 {
			c.placeholders(call, q, b)
			c.scan(call, q, b)
		}
		c.withoutWhere(call, q, st, b)
	}
}

func quoteSQL(s string) string {
	return fmt.Sprintf("%q", report.Shorten(s, 60))
}

func (c *checker) problems(call *sqlcall.Call, q *sqlcall.Query, b *sqlschema.Binding) {
	if c.cat == nil {
		return
	}
	for _, p := range b.Problems {
		if strings.Contains(p.Name, sqlcall.DynPrefix) {
			continue
		}
		if q.Dynamic && (p.Kind == sqlschema.ProblemInsertArity || p.Kind == sqlschema.ProblemInsertNotNull) {
			continue // a hole may provide the missing values
		}
		msg := p.Message
		if p.Tombstone != nil {
			ts := *p.Tombstone
			ts.By.File = c.rel(ts.By.File)
			msg += "; " + ts.Describe()
		}
		pos := c.anchor(call)
		if p.Offset >= 0 {
			pos = c.onSQLLine(call, q.PosAtParsed(p.Offset))
		}
		c.r.Report(string(p.Kind), pos, pos, msg)
	}
}

func (c *checker) withoutWhere(call *sqlcall.Call, q *sqlcall.Query, st *pgsql.Statement, b *sqlschema.Binding) {
	if b.HasWhere || q.Dynamic || migrationScript(q) || c.meansAll(call.Expr) {
		return
	}
	if report.InTestFile(c.pass.Fset, call.Expr.Pos()) {
		return // a test empties its tables between cases
	}
	var rule, verb string
	switch {
	case st.Node.GetUpdateStmt() != nil:
		rule, verb = "update-without-where", "changes"
	case st.Node.GetDeleteStmt() != nil:
		rule, verb = "delete-without-where", "deletes"
	default:
		return
	}
	tbl := ""
	if rv := st.Node.GetUpdateStmt().GetRelation(); rv != nil {
		tbl = rv.GetRelname()
	}
	if rv := st.Node.GetDeleteStmt().GetRelation(); rv != nil {
		tbl = rv.GetRelname()
	}
	c.r.Report(rule, c.anchor(call), call.Expr.End(),
		fmt.Sprintf("%s on %q has no WHERE clause and %s every row; add a WHERE, or use TRUNCATE if that is the intent", strings.ToUpper(b.Command), tbl, verb))
}

// migrationScript reports whether a text holds DDL beside its other
// statements: a migration run from Go, where an UPDATE of every row is a
// backfill (migrationsafety's concern, not a forgotten WHERE).
func migrationScript(q *sqlcall.Query) bool {
	if len(q.Statements) < 2 {
		return false
	}
	for _, st := range q.Statements {
		n := st.Node
		if n.GetSelectStmt() == nil && n.GetInsertStmt() == nil && n.GetUpdateStmt() == nil &&
			n.GetDeleteStmt() == nil && n.GetMergeStmt() == nil && n.GetTransactionStmt() == nil &&
			n.GetVariableSetStmt() == nil {
			return true
		}
	}
	return false
}

// allWords says "every row" in a function's name or doc comment.
var allWords = regexp.MustCompile(`(^|[^A-Za-z])([Aa]ll|[Ee]very)([^a-z]|$)|[a-z](All|Every)([^a-z]|$)`)

// meansAll reports whether the function around pos says it works on every
// row: FlushAllSessions, DeleteAll, or a doc comment "... for all feeds".
func (c *checker) meansAll(pos ast.Node) bool {
	for _, f := range c.pass.Files {
		if pos.Pos() < f.Pos() || pos.Pos() >= f.End() {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || pos.Pos() < fd.Pos() || pos.Pos() >= fd.End() {
				continue
			}
			if allWords.MatchString(fd.Name.Name) {
				return true
			}
			return fd.Doc != nil && allWords.MatchString(fd.Doc.Text())
		}
	}
	return false
}

// placeholders compares the placeholders the statement uses with the
// arguments the call passes.
func (c *checker) placeholders(call *sqlcall.Call, q *sqlcall.Query, b *sqlschema.Binding) {
	if q.Dynamic || call.Ellipsis || call.Kind == sqlcall.KindPrepare || call.Kind == sqlcall.KindCopyFrom {
		return // a prepared text takes its arguments later; COPY takes rows
	}
	if call.Placeholders == sqlcall.NamedColon || call.Placeholders == sqlcall.NamedAt {
		switch {
		case call.NamedArgKeys != nil:
			c.namedArgs(call, q)
		case call.NamedStruct != nil:
			c.namedStruct(call, q)
		}
		return
	}
	nargs := len(call.Args)
	used := b.MaxParam
	var gaps []string
	for i := 1; i <= used; i++ {
		if !b.Params[i] {
			gaps = append(gaps, fmt.Sprintf("$%d", i))
		}
	}
	style := "$n"
	if call.Placeholders == sqlcall.Question {
		style = "?"
	}
	switch {
	case used != nargs:
		c.r.Report("placeholder-count", c.anchor(call), call.Expr.End(),
			fmt.Sprintf("query uses %d placeholder%s (%s) but %d argument%s passed: %s", used, plural(used), style, nargs, pluralVerb(nargs), quoteSQL(q.Text)))
	case len(gaps) > 0 && style == "$n":
		c.r.Report("placeholder-count", c.anchor(call), call.Expr.End(),
			fmt.Sprintf("query skips placeholder %s; PostgreSQL cannot infer its type and the arguments shift: %s", strings.Join(gaps, ", "), quoteSQL(q.Text)))
	}
}

// namedStruct checks named placeholders bound from a struct's fields.
func (c *checker) namedStruct(call *sqlcall.Call, q *sqlcall.Query) {
	_, names := sqlcall.StructColumns(call.NamedStruct, call.API)
	have := map[string]bool{}
	for _, n := range names {
		have[strings.ToLower(n)] = true
	}
	var missing []string
	for _, n := range q.Named {
		if !have[strings.ToLower(n)] {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return
	}
	sort.Strings(missing)
	mark := ":"
	how := "db tags or lowercased field names"
	if call.Placeholders == sqlcall.NamedAt {
		mark = "@"
		if call.API == sqlcall.Gorm {
			how = "field names"
		}
	}
	c.r.Report("placeholder-count", c.anchor(call), call.Expr.End(),
		fmt.Sprintf("query uses %s%s but %s has no field for %s (named parameters bind from %s)",
			mark, strings.Join(missing, ", "+mark), typeName(c.pass, call.NamedStruct), pronoun(len(missing)), how))
}

func (c *checker) namedArgs(call *sqlcall.Call, q *sqlcall.Query) {
	have := map[string]bool{}
	for _, k := range call.NamedArgKeys {
		have[k] = true
	}
	var missing []string
	for _, n := range q.Named {
		if !have[n] {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	mark := "@"
	if call.Placeholders == sqlcall.NamedColon {
		mark = ":"
	}
	if len(missing) > 0 {
		c.r.Report("placeholder-count", c.anchor(call), call.Expr.End(),
			fmt.Sprintf("query uses %s%s but the named arguments have no such key", mark, strings.Join(missing, ", "+mark)))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func pluralVerb(n int) string {
	if n == 1 {
		return " is"
	}
	return "s are"
}

// scan compares Scan targets with the statement's output columns.
func (c *checker) scan(call *sqlcall.Call, q *sqlcall.Query, b *sqlschema.Binding) {
	s := call.Scan
	if s == nil || s.Ellipsis || q.Dynamic || c.cat == nil || !b.OutputKnown || len(b.Output) == 0 {
		return
	}
	for _, o := range b.Output {
		if strings.Contains(o.Name, sqlcall.DynPrefix) {
			return
		}
	}
	pos := s.Pos
	if !pos.IsValid() {
		pos = call.Expr.Pos()
	}
	switch s.Via {
	case sqlcall.ViaScan, sqlcall.ViaForEachRow, "RowToStructByPos", "RowToAddrOfStructByPos":
		if len(s.Types) != len(b.Output) {
			n := len(s.Types)
			what := "Scan has"
			if s.Via != sqlcall.ViaScan {
				what = s.Via + " has"
			}
			c.r.Report("scan-count", pos, pos,
				fmt.Sprintf("%s %d target%s but the query returns %d column%s (%s)", what, n, plural(n), len(b.Output), plural(len(b.Output)), columnList(b.Output)))
			return
		}
		for i, o := range b.Output {
			tpos := pos
			if i < len(s.Targets) && len(s.Targets) == len(s.Types) {
				tpos = s.Targets[i].Pos()
			}
			c.nullInto(o, s.Types[i], tpos)
		}
	case "RowToStructByName", "RowToAddrOfStructByName", sqlcall.ViaSqlxDest, sqlcall.ViaStructScan:
		if len(s.Names) != len(s.Types) || len(s.Names) == 0 {
			return
		}
		fields := map[string]int{}
		for i, n := range s.Names {
			fields[strings.ToLower(n)] = i
		}
		var missing []string
		for _, o := range b.Output {
			i, ok := fields[strings.ToLower(o.Name)]
			if !ok {
				missing = append(missing, o.Name)
				continue
			}
			c.nullInto(o, s.Types[i], pos)
		}
		if len(missing) > 0 {
			c.r.Report("scan-count", pos, pos,
				fmt.Sprintf("query returns column%s %s but %s has no field for %s (%s fails at run time); add a field with a db tag or drop the column from the query",
					plural(len(missing)), quoteList(missing), typeName(c.pass, s.Struct), pronoun(len(missing)), s.Via))
		}
	}
}

// nullInto reports a nullable output column scanned into a Go type that
// cannot hold NULL.
func (c *checker) nullInto(o sqlschema.OutputColumn, target types.Type, pos token.Pos) {
	if o.Nullable != sqlschema.Nullable || target == nil || !cannotHoldNull(target) {
		return
	}
	what := fmt.Sprintf("column %q can be NULL", o.Name)
	if o.Source != "" {
		what += fmt.Sprintf(" (%s is nullable)", o.Source)
	}
	c.r.Report("scan-null", pos, pos,
		fmt.Sprintf("%s but is scanned into %s; scan into a pointer or sql.Null type, or COALESCE it in the query", what, typeName(c.pass, target)))
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func columnList(cols []OutputColumn) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return report.Shorten(strings.Join(names, ", "), 80)
}

// OutputColumn is an alias to keep signatures short.
type OutputColumn = sqlschema.OutputColumn

// cannotHoldNull reports whether scanning NULL into a value of type t (what
// a Scan target points at, or a struct field) fails: a plain string,
// number, bool or time.Time, not a pointer, interface, slice, map or a type
// with its own Scan method.
func cannotHoldNull(t types.Type) bool {
	if hasScanMethod(t) || hasScanMethod(types.NewPointer(t)) {
		return false
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		if obj := named.Obj(); obj.Pkg() != nil && obj.Pkg().Path() == "time" && obj.Name() == "Time" {
			return true
		}
	}
	if u, ok := t.Underlying().(*types.Basic); ok {
		return u.Info()&(types.IsString|types.IsNumeric|types.IsBoolean) != 0
	}
	return false
}

func hasScanMethod(t types.Type) bool {
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		if ms.At(i).Obj().Name() == "Scan" {
			return true
		}
	}
	return false
}

func typeName(pass *analysis.Pass, t types.Type) string {
	return types.TypeString(t, types.RelativeTo(pass.Pkg))
}
