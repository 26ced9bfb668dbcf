package main

// The subcommands that talk to a live PostgreSQL database:
//
//	dblint schema -database-url URL [-schemas a,b] [-o file.json]   the database's schema as a snapshot
//	dblint drift  [-schema src] -database-url URL                  the migrations vs the database
//	dblint explain -database-url URL [packages]                    the planner's view of the queries
//
// The URL comes from -database-url or $DATABASE_URL. Its password (or
// PGPASSWORD's) never reaches the output: connection errors are
// livedb's typed errors, which are built without it, and anything else is
// scrubbed before printing.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"net/url"
	"os"
	"os/signal"
	"reflect"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/dblint/dblint/analyzers/missingindex"
	"github.com/dblint/dblint/internal/explain"
	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/schema"
	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/load"
	"github.com/dblint/dblint/sqlschema/load/livedb"
)

// EnvDatabaseURL is read when -database-url is not given.
const EnvDatabaseURL = "DATABASE_URL"

// databaseURL returns the URL from the flag, else from $DATABASE_URL.
func databaseURL(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return os.Getenv(EnvDatabaseURL)
}

// liveContext is cancelled by an interrupt, so a hung server can be left
// with ^C and the connection still closes.
func liveContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// liveFail prints err as dblint's one-line error and returns exit status
// 2. livedb's errors are safe as they are; any other text is scrubbed of
// the URL's password and PGPASSWORD.
func liveFail(rawURL string, err error) int {
	msg := err.Error()
	var le *livedb.Error
	if !errors.As(err, &le) {
		msg = scrubSecrets(msg, rawURL)
	}
	fmt.Fprintf(os.Stderr, "dblint: %s\n", msg)
	return 2
}

// scrubSecrets removes the connection string and the passwords it and
// PGPASSWORD hold from msg.
func scrubSecrets(msg, rawURL string) string {
	if rawURL == "" {
		return msg
	}
	msg = strings.ReplaceAll(msg, rawURL, livedb.RedactURL(rawURL))
	var secrets []string
	if u, err := url.Parse(rawURL); err == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			secrets = append(secrets, pw, url.QueryEscape(pw), url.PathEscape(pw))
		}
	}
	secrets = append(secrets, os.Getenv("PGPASSWORD"))
	for _, s := range secrets {
		if len(s) >= 4 {
			msg = strings.ReplaceAll(msg, s, "xxxxx")
		}
	}
	return msg
}

// schemaList parses a -schemas value.
type schemaList []string

func (s *schemaList) String() string { return strings.Join(*s, ",") }
func (s *schemaList) Set(v string) error {
	*s = append(*s, splitList(v)...)
	return nil
}

// runLiveSchema writes the snapshot of a live database: `dblint schema
// -database-url URL`.
func runLiveSchema(rawURL string, schemas []string, out string) int {
	ctx, cancel := liveContext()
	defer cancel()
	cat, err := livedb.Introspect(ctx, rawURL, livedb.Options{Schemas: schemas})
	if err != nil {
		return liveFail(rawURL, err)
	}
	return writeSnapshotTo(cat, out)
}

func writeSnapshotTo(cat *sqlschema.Catalog, out string) int {
	var w strings.Builder
	if err := cat.WriteSnapshot(&w); err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	if out == "" {
		os.Stdout.WriteString(w.String())
		return 0
	}
	if err := os.WriteFile(out, []byte(w.String()), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	return 0
}

// ---- drift ----

// Analyzer and rule ids of the live subcommands' findings.
const (
	driftAnalyzer   = "drift"
	explainAnalyzer = "explain"

	ruleMissingInDatabase = "missing-in-database"
	ruleExtraInDatabase   = "extra-in-database"
	ruleChangedInDatabase = "changed-in-database"
	ruleSeqScan           = "seq-scan"
)

// liveRules are the rules of the live subcommands. They belong in the
// rule table (dblint rules, docs/rules.md) like the analyzers' rules; and
// since seq-scan is only reported by dblint explain, a //dblint:ignore
// naming it is not unused in a plain run.
var liveRules = []report.Rule{
	{Analyzer: driftAnalyzer, ID: ruleMissingInDatabase, Severity: report.Warning, Summary: "an object the migrations create that the database lacks"},
	{Analyzer: driftAnalyzer, ID: ruleExtraInDatabase, Severity: report.Warning, Summary: "an object the database has that no migration creates"},
	{Analyzer: driftAnalyzer, ID: ruleChangedInDatabase, Severity: report.Warning, Summary: "an object defined differently in the migrations and in the database"},
	{Analyzer: explainAnalyzer, ID: ruleSeqScan, Severity: report.Warning, Summary: "the planner scans a table of min-rows or more sequentially to filter it"},
}

func liveSeverity(analyzer, rule string) string {
	for _, r := range liveRules {
		if r.Analyzer == analyzer && r.ID == rule {
			return string(r.Severity)
		}
	}
	return string(report.Warning)
}

// bookkeepingTables are the tables migration tools keep their own state
// in. The migrations never create them, so the database always has them;
// they are not drift.
var bookkeepingTables = map[string]bool{
	"schema_migrations":      true, // golang-migrate, dbmate
	"goose_db_version":       true, // goose
	"schema_version":         true, // tern
	"gorp_migrations":        true, // sql-migrate
	"flyway_schema_history":  true, // flyway
	"atlas_schema_revisions": true, // atlas (in a schema of the same name)
}

func runDrift(args []string) int {
	fs := flag.NewFlagSet("dblint drift", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	var sources []string
	fs.Func("schema", "schema source: migration dir, .sql schema or pg_dump file, .json snapshot (repeatable, or comma-separated; default: dblint.yaml)", func(s string) error {
		sources = append(sources, splitList(s)...)
		return nil
	})
	urlFlag := fs.String("database-url", "", "PostgreSQL URL of the database to compare (default $DATABASE_URL)")
	var schemas schemaList
	fs.Var(&schemas, "schemas", "schemas to compare, comma-separated (default: those the migrations create)")
	format := fs.String("format", "text", "output format: text, json")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: dblint drift [-schema source]... -database-url URL [-schemas a,b] [-format text|json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "dblint drift: unexpected argument %q (schema sources go in -schema)\n", fs.Arg(0))
		return 2
	}
	if !validFormat(*format) {
		return 2
	}
	rawURL := databaseURL(*urlFlag)
	if rawURL == "" {
		fmt.Fprintf(os.Stderr, "dblint drift: no database: pass -database-url or set %s\n", EnvDatabaseURL)
		return 2
	}
	if len(sources) == 0 {
		wd, _ := os.Getwd()
		cfg, err := dbconfig.Load(findModuleRoot(wd))
		if err != nil {
			fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
			return 2
		}
		sources = cfg.Schema
		if len(sources) == 0 {
			fmt.Fprintln(os.Stderr, "dblint drift: no schema sources: pass -schema (a migration dir, .sql or .json file) or set schema: in dblint.yaml")
			return 2
		}
	}
	res, err := load.Load(sources, load.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	ctx, cancel := liveContext()
	defer cancel()
	// Every schema is read, so that one the migrations create but the
	// database lacks is drift rather than an error.
	live, err := livedb.Introspect(ctx, rawURL, livedb.Options{})
	if err != nil {
		return liveFail(rawURL, err)
	}
	findings := driftFindings(res.Catalog, live, schemas)
	if err := writeLiveFindings(*format, findings); err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	if len(findings) > 0 {
		return 1
	}
	return 0
}

func validFormat(f string) bool {
	switch f {
	case "text", "json":
		return true
	}
	fmt.Fprintf(os.Stderr, "dblint: unknown -format %q (want text or json)\n", f)
	return false
}

func writeLiveFindings(format string, fs []Finding) error {
	if format == "json" {
		return writeJSON(os.Stdout, fs)
	}
	return writeText(os.Stdout, fs)
}

// driftFindings compares the migrations' catalog (want) with the
// database's (got) over the chosen schemas: by default the ones the
// migrations create (public always), so schemas other tools own are left
// alone.
func driftFindings(want, got *sqlschema.Catalog, schemas []string) []Finding {
	keep := map[string]bool{}
	for _, s := range schemas {
		keep[s] = true
	}
	if len(keep) == 0 {
		for name := range want.Schemas {
			keep[name] = true
		}
	}
	var out []Finding
	for _, d := range sqlschema.Diff(onlySchemas(want, keep), onlySchemas(got, keep)) {
		if d.Kind == sqlschema.DiffExtra && isBookkeeping(d) {
			continue
		}
		out = append(out, driftFinding(want, d))
	}
	return dedupe(out)
}

// onlySchemas is c restricted to the schemas in keep (a shallow copy).
func onlySchemas(c *sqlschema.Catalog, keep map[string]bool) *sqlschema.Catalog {
	cp := *c
	cp.Schemas = map[string]*sqlschema.Schema{}
	for name, s := range c.Schemas {
		if keep[name] {
			cp.Schemas[name] = s
		}
	}
	return &cp
}

func isBookkeeping(d sqlschema.Difference) bool {
	parts := strings.Split(d.Name, ".")
	switch d.Object {
	case "schema":
		return bookkeepingTables[d.Name]
	case "table":
		return len(parts) == 2 && (bookkeepingTables[parts[1]] || bookkeepingTables[parts[0]])
	}
	return false
}

// driftFinding turns a difference into a finding at the migration
// statement behind it: the object's own, else its table's; else at
// "database".
func driftFinding(want *sqlschema.Catalog, d sqlschema.Difference) Finding {
	src := d.WantSource
	if src.IsZero() {
		// An extra column, index or constraint: at the CREATE TABLE of
		// its table, which the migrations do have.
		if parts := strings.SplitN(d.Name, ".", 3); len(parts) == 3 {
			if t := want.Table(parts[0], parts[1]); t != nil {
				src = t.Source
			} else if v := want.View(parts[0], parts[1]); v != nil {
				src = v.Source
			}
		}
	}
	f := Finding{File: "database", Analyzer: driftAnalyzer, SuggestedFixes: []SuggestedFix{}}
	if !src.IsZero() {
		f.File, f.Line, f.Column = relPath(src.File), src.Line, src.Column
		f.EndLine, f.EndColumn = src.Line, src.Column
	}
	subject := driftSubject(d)
	switch d.Kind {
	case sqlschema.DiffMissing:
		f.Rule = ruleMissingInDatabase
		f.Message = fmt.Sprintf("%s%s is in the migrations but not in the database; apply the pending migrations, or check that the URL names the right database", subject, form(d.Want))
	case sqlschema.DiffExtra:
		f.Rule = ruleExtraInDatabase
		f.Message = fmt.Sprintf("%s%s is in the database but not in the migrations; add it to a migration, or drop it from the database", subject, form(d.Got))
	default:
		f.Rule = ruleChangedInDatabase
		f.Message = fmt.Sprintf("%s differs: %s is %s in the migrations but %s in the database; write a migration that makes them agree", subject, d.Attr, orNone(d.Want), orNone(d.Got))
	}
	f.Severity = liveSeverity(driftAnalyzer, f.Rule)
	return f
}

// driftSubject names the object: `column "orders.note"`, `index
// "orders_created_idx" on "orders"`, `table "audit.log"`.
func driftSubject(d sqlschema.Difference) string {
	parts := strings.SplitN(d.Name, ".", 3)
	owner := func() string { return sqlschema.QualifiedName(parts[0], parts[1]) }
	switch {
	case len(parts) == 3 && (d.Object == "index" || d.Object == "constraint"):
		return fmt.Sprintf("%s %q on %q", d.Object, parts[2], owner())
	case len(parts) == 3:
		return fmt.Sprintf("%s %q", d.Object, owner()+"."+parts[2])
	case len(parts) == 2:
		return fmt.Sprintf("%s %q", d.Object, owner())
	}
	return fmt.Sprintf("%s %q", d.Object, d.Name)
}

func form(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// ---- explain ----

// explainCall is one query text a call sends that the planner can be asked
// about, with where missingindex would report on each of its tables.
type explainCall struct {
	pos, end token.Pos
	query    string // Query.Parsed: $n placeholders
	// ignored is set when seq-scan is disabled or //dblint:ignore'd at
	// the call.
	ignored bool
	// at maps the positions missingindex reports at (a table reference,
	// a predicate's column) to the qualified tables they are about.
	at map[token.Pos][]string
}

type explainResult struct {
	cfg   *dbconfig.Config
	calls []*explainCall
}

// explainCollector gathers the plannable queries of a package. It reports
// nothing itself: plans come after the analysis, one connection for all.
var explainCollector = &analysis.Analyzer{
	Name:       explainAnalyzer,
	Doc:        "explain: collect the resolved SELECT, UPDATE and DELETE texts to plan (reports nothing)",
	Requires:   []*analysis.Analyzer{dbconfig.Analyzer, schema.Analyzer, sqlcall.Analyzer},
	ResultType: reflect.TypeOf((*explainResult)(nil)),
	Run:        collectExplain,
}

func collectExplain(pass *analysis.Pass) (any, error) {
	cfg, _ := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	sch, _ := pass.ResultOf[schema.Analyzer].(*schema.Result)
	calls, _ := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result)
	res := &explainResult{cfg: cfg}
	if calls == nil {
		return res, nil
	}
	cat, err := sch.Catalog()
	if err != nil {
		return nil, err
	}
	rep := report.New(pass, cfg)
	for _, call := range calls.Calls {
		switch call.Kind {
		case sqlcall.KindFragment, sqlcall.KindORM, sqlcall.KindSendBatch, sqlcall.KindCopyFrom:
			continue
		}
		for i := range call.Queries {
			q := &call.Queries[i]
			// Only what the program certainly sends: no dynamic parts,
			// one statement that parsed.
			if q.Dynamic || q.Synthetic || q.ParseErr != nil || len(q.Statements) != 1 {
				continue
			}
			if _, err := explain.Plannable(q.Parsed); err != nil {
				continue
			}
			ec := &explainCall{
				pos: call.Expr.Pos(), end: call.Expr.End(), query: q.Parsed,
				ignored: !rep.Enabled(ruleSeqScan) || rep.Ignored(ruleSeqScan, call.Expr.Pos()),
				at:      map[token.Pos][]string{},
			}
			if cat != nil {
				for _, a := range sqlschema.AccessPaths(cat, q.Statements[0].Node) {
					t := a.Table.QualifiedName()
					add := func(p token.Pos) { ec.at[p] = append(ec.at[p], t) }
					add(call.Expr.Pos())
					add(q.PosAtParsed(a.Offset))
					for _, p := range a.Preds {
						if p.Offset >= 0 {
							add(q.PosAtParsed(p.Offset))
						}
					}
				}
			}
			res.calls = append(res.calls, ec)
		}
	}
	return res, nil
}

// explainStats counts what explain did, for -stats.
type explainStats struct {
	planned, notPlanned int
}

func runExplain(args []string) int {
	fs := flag.NewFlagSet("dblint explain", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	urlFlag := fs.String("database-url", "", "PostgreSQL URL of a database with production-like data (default $DATABASE_URL)")
	format := fs.String("format", "text", "output format: text, json")
	tests := fs.Bool("test", true, "analyze test files too")
	stats := fs.Bool("stats", false, "print how many queries were planned to stderr")
	stmtTimeout := fs.Duration("statement-timeout", 5*time.Second, "statement_timeout for planning one query")
	lockTimeout := fs.Duration("lock-timeout", time.Second, "lock_timeout for planning one query")
	settingFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: dblint explain -database-url URL [flags] [packages]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if !validFormat(*format) {
		return 2
	}
	rawURL := databaseURL(*urlFlag)
	if rawURL == "" {
		fmt.Fprintf(os.Stderr, "dblint explain: no database: pass -database-url or set %s\n", EnvDatabaseURL)
		return 2
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	ctx, cancel := liveContext()
	defer cancel()

	// The database first: a wrong URL fails in a second, not after the
	// packages load. Its catalog gives the row estimates (reltuples).
	live, err := livedb.Introspect(ctx, rawURL, livedb.Options{})
	if err != nil {
		return liveFail(rawURL, err)
	}
	planner, err := explain.Connect(ctx, rawURL, explain.Options{StatementTimeout: *stmtTimeout, LockTimeout: *lockTimeout})
	if err != nil {
		return liveFail(rawURL, err)
	}
	defer planner.Close()

	pkgs, ok := loadSyntax(patterns, *tests)
	if !ok {
		return 2
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{missingindex.Analyzer, explainCollector}, pkgs, &checker.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	type pkgResult struct {
		fset    *token.FileSet
		collect *explainResult
		diags   []analysis.Diagnostic
	}
	byPkg := map[*packages.Package]*pkgResult{}
	var order []*packages.Package
	get := func(p *packages.Package) *pkgResult {
		if r := byPkg[p]; r != nil {
			return r
		}
		r := &pkgResult{fset: p.Fset}
		byPkg[p] = r
		order = append(order, p)
		return r
	}
	var runErrs []string
	for act := range graph.All() {
		if act.Err != nil {
			if msg := act.Err.Error(); !strings.HasPrefix(msg, "failed prerequisites") {
				runErrs = append(runErrs, msg)
			}
			continue
		}
		if !act.IsRoot {
			continue
		}
		switch act.Analyzer {
		case explainCollector:
			r, _ := act.Result.(*explainResult)
			get(act.Package).collect = r
		case missingindex.Analyzer:
			pr := get(act.Package)
			for _, d := range act.Diagnostics {
				if d.Category == "no-index" || d.Category == "unindexable-predicate" {
					pr.diags = append(pr.diags, d)
				}
			}
		}
	}
	if len(runErrs) > 0 {
		sort.Strings(runErrs)
		for i, e := range runErrs {
			if i == 0 || e != runErrs[i-1] {
				fmt.Fprintf(os.Stderr, "dblint: %s\n", e)
			}
		}
		return 2
	}

	// Plan each distinct text once.
	plans := map[string]*planOutcome{}
	var st explainStats
	sites := map[token.Position]bool{} // a package and its test variant share call sites
	var notes []string
	var findings []Finding
	for _, p := range order {
		pr := byPkg[p]
		if pr.collect == nil {
			continue
		}
		conf := pr.collect.cfg
		// A missingindex finding and its call: a finding at a position
		// the call's query puts a table at.
		claimed := map[*explainCall]map[string]bool{}
		for _, c := range pr.collect.calls {
			sites[pr.fset.Position(c.pos)] = true
			out := plans[c.query]
			if out == nil {
				out = &planOutcome{}
				out.plan, out.err = planner.Plan(ctx, c.query)
				plans[c.query] = out
				if out.err == nil {
					st.planned++
				} else {
					st.notPlanned++
				}
			}
			if out.err != nil {
				if !isPlanFailure(out.err) {
					return liveFail(rawURL, out.err)
				}
				pos := pr.fset.Position(c.pos)
				notes = append(notes, fmt.Sprintf("%s:%d:%d: %s", relPath(pos.Filename), pos.Line, pos.Column, scrubSecrets(planFailure(out.err), rawURL)))
			}
		}
		for _, d := range pr.diags {
			c, table := callAt(pr.collect.calls, d.Pos, d.Message)
			if c == nil {
				continue
			}
			out := plans[c.query]
			f := newFinding(pr.fset, missingindex.Analyzer, d)
			verdict, moot := judge(out, table, live, conf)
			f.Message += "; " + verdict
			if moot {
				f.Severity = string(report.Info)
			}
			if claimed[c] == nil {
				claimed[c] = map[string]bool{}
			}
			claimed[c][table] = true
			findings = append(findings, f)
		}
		for _, c := range pr.collect.calls {
			out := plans[c.query]
			if c.ignored || out.err != nil {
				continue
			}
			for _, s := range out.plan.Scans() {
				if !s.Sequential() || s.Filter == "" {
					continue // a whole-table read is what the query asks for
				}
				name := sqlschema.QualifiedName(s.Schema, s.Table)
				t := live.Table(s.Schema, s.Table)
				if t == nil || t.RowEstimate < conf.MinRows || conf.IsSmallTable(name, t.RowEstimate) {
					continue
				}
				if claimed[c][name] || claimed[c][rootTable(live, t)] {
					continue // the missingindex finding says it, with the remedy
				}
				pos, end := pr.fset.Position(c.pos), pr.fset.Position(c.end)
				findings = append(findings, Finding{
					File: relPath(pos.Filename), Line: pos.Line, Column: pos.Column, EndLine: end.Line, EndColumn: end.Column,
					Analyzer: explainAnalyzer, Rule: ruleSeqScan, Severity: liveSeverity(explainAnalyzer, ruleSeqScan), SuggestedFixes: []SuggestedFix{},
					Message: fmt.Sprintf("the planner reads %q with a sequential scan (about %d rows), checking %s on every row; add an index that serves this filter, or list %q in small-tables if the scan is intended",
						name, t.RowEstimate, report.Shorten(s.Filter, 120), name),
				})
			}
		}
	}
	sort.Strings(notes)
	for i, n := range notes {
		if i == 0 || n != notes[i-1] {
			fmt.Fprintf(os.Stderr, "dblint: %s\n", n)
		}
	}
	findings = dedupe(findings)
	if err := writeLiveFindings(*format, findings); err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	if *stats {
		fmt.Fprintf(os.Stderr, "dblint: explain: %d query texts at %d call sites: %d planned, %d could not be planned\n",
			len(plans), len(sites), st.planned, st.notPlanned)
	}
	if len(findings) > 0 {
		return 1
	}
	return 0
}

type planOutcome struct {
	plan *explain.Plan
	err  error
}

// isPlanFailure reports whether err leaves one query unplanned without
// ending the run: the server refused the query, or planning it hit
// statement_timeout or lock_timeout.
func isPlanFailure(err error) bool {
	var pe *explain.PlanError
	if errors.As(err, &pe) {
		return true
	}
	var le *livedb.Error
	return errors.As(err, &le) && errors.Is(err, livedb.ErrTimeout) && le.SQLState != ""
}

func planFailure(err error) string {
	var pe *explain.PlanError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return "could not plan: " + err.Error()
}

// callAt finds the call whose query puts a table at pos, the position of
// a missingindex finding. At the call itself (where a finding falls back
// to) every table of the query is; the message names the right one.
func callAt(calls []*explainCall, pos token.Pos, msg string) (*explainCall, string) {
	for _, c := range calls {
		ts := c.at[pos]
		for _, t := range ts {
			if strings.Contains(msg, fmt.Sprintf("query on %q", t)) {
				return c, t
			}
		}
		if len(ts) > 0 {
			return c, ts[0]
		}
	}
	return nil, ""
}

// rootTable is the partitioned table a partition belongs to (itself when
// it is none), qualified.
func rootTable(live *sqlschema.Catalog, t *sqlschema.Table) string {
	for i := 0; i < 32 && t.PartitionOf != ""; i++ {
		schema, name := "", t.PartitionOf
		if j := strings.LastIndexByte(name, '.'); j >= 0 {
			schema, name = name[:j], name[j+1:]
		}
		parent := live.Table(schema, name)
		if parent == nil {
			break
		}
		t = parent
	}
	return t.QualifiedName()
}

// judge says what the plan makes of a missingindex finding on table:
// confirmed (a sequential scan of it, or of its partitions) or
// contradicted (an index scan). moot is set when the plan shows the
// finding does not matter here: an index serves the query, or the
// sequentially scanned table is small.
func judge(out *planOutcome, table string, live *sqlschema.Catalog, conf *dbconfig.Config) (verdict string, moot bool) {
	if out == nil {
		return "not confirmed: the query was not planned", false
	}
	if out.err != nil {
		return "not confirmed by EXPLAIN: " + planFailure(out.err), false
	}
	var seq, index string
	var seqTable *sqlschema.Table
	for _, s := range out.plan.Scans() {
		name := sqlschema.QualifiedName(s.Schema, s.Table)
		if t := live.Table(s.Schema, s.Table); t != nil {
			if rootTable(live, t) != table && name != table {
				continue
			}
		} else if name != table {
			continue
		}
		switch {
		case s.UsesIndex() && index == "":
			index = s.Index
		case s.Sequential() && seq == "":
			seq, seqTable = name, live.Table(s.Schema, s.Table)
		}
	}
	switch {
	case seq != "" && seqTable != nil && seqTable.RowEstimate >= 0 && seqTable.RowEstimate < conf.MinRows:
		return fmt.Sprintf("not confirmed by EXPLAIN: the planner scans %q sequentially, but it holds only about %d rows (below min-rows %d)",
			seq, seqTable.RowEstimate, conf.MinRows), true
	case seq != "":
		return fmt.Sprintf("confirmed by EXPLAIN: the planner scans %q sequentially", seq), false
	case index != "":
		return fmt.Sprintf("contradicted by EXPLAIN: the planner uses index %q (in the database, perhaps not in the migrations)", index), true
	}
	return fmt.Sprintf("not confirmed by EXPLAIN: the plan does not scan %q", table), false
}
