package migrationsafety

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/migrations"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/load"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Name is the analyzer's name, the family of its rule ids.
const Name = "migrationsafety"

// Analyzer reports migrations that lock, rewrite or break a live table,
// and migrations that cannot be rolled back, at the statement inside the
// .sql file, or for a goose Go migration at the Go call that sends it.
var Analyzer = &analysis.Analyzer{
	Name:     Name,
	Doc:      doc,
	URL:      "https://github.com/dblint/dblint/blob/main/docs/rules.md#migrationsafety",
	Run:      run,
	Requires: []*analysis.Analyzer{dbconfig.Analyzer, migrations.Analyzer},
}

const doc = `migrationsafety: migrations that lock, rewrite or break a live table

Walks the module's migrations in order, with the schema as it is before each
statement, and reports DDL that blocks reads or writes of a table already in
use (index builds without CONCURRENTLY, constraints added without NOT VALID,
table rewrites, missing lock_timeout), changes that break code still running
(renames, drops), CONCURRENTLY inside a transaction, transaction control
that nests or never commits, statements a half-applied migration cannot rerun,
type choices that hurt later, and migrations that cannot be rolled back.
Statements on a table created earlier in the same migration are exempt from
the lock rules. goose Go migrations (goose.AddMigration*Context in init)
are checked from the SQL their functions send, and reported at the Go call
that sends it. docs/squawk.md maps squawk's rules to these.`

func rule(id string, sev report.Severity, summary string) report.Rule {
	return report.Rule{Analyzer: Name, ID: id, Severity: sev, Summary: summary}
}

// Rules are migrationsafety's rule ids.
var Rules = []report.Rule{
	rule("create-index-not-concurrently", report.Warning, "CREATE INDEX on a live table without CONCURRENTLY blocks writes for the whole build"),
	rule("drop-index-not-concurrently", report.Warning, "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock"),
	rule("reindex-not-concurrently", report.Warning, "REINDEX without CONCURRENTLY blocks writes, and reads that use the index"),
	rule("detach-partition-not-concurrently", report.Warning, "DETACH PARTITION without CONCURRENTLY locks the whole partitioned table (PostgreSQL 14+)"),
	rule("concurrently-in-transaction", report.Error, "a CONCURRENTLY statement that runs inside a transaction block, which fails"),
	rule("concurrently-on-partitioned-table", report.Error, "CREATE/DROP INDEX CONCURRENTLY on a partitioned table, which fails"),
	rule("create-index-concurrently-if-not-exists", report.Warning, "CREATE INDEX CONCURRENTLY IF NOT EXISTS can keep an invalid index from a failed build"),
	rule("add-column-volatile-default", report.Warning, "ADD COLUMN with a volatile default (any default before PostgreSQL 11) rewrites the table"),
	rule("add-column-generated-stored", report.Warning, "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED rewrites the table"),
	rule("add-column-serial", report.Warning, "ADD COLUMN with serial, bigserial or identity rewrites the table"),
	rule("add-column-not-null-without-default", report.Error, "ADD COLUMN ... NOT NULL without a default fails on a table with rows"),
	rule("set-not-null", report.Warning, "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock (unless a validated CHECK proves it, PostgreSQL 12+)"),
	rule("add-check-without-not-valid", report.Warning, "ADD CONSTRAINT CHECK without NOT VALID checks every row under an ACCESS EXCLUSIVE lock"),
	rule("add-foreign-key-without-not-valid", report.Warning, "ADD FOREIGN KEY without NOT VALID checks every row, blocking writes to both tables"),
	rule("validate-in-same-transaction", report.Warning, "VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID"),
	rule("add-unique-without-using-index", report.Warning, "ADD UNIQUE builds its index under an ACCESS EXCLUSIVE lock; build it concurrently and add USING INDEX"),
	rule("add-primary-key-without-using-index", report.Warning, "ADD PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock; build it concurrently and add USING INDEX"),
	rule("add-exclusion-constraint", report.Warning, "ADD EXCLUDE builds its index and checks every row under an ACCESS EXCLUSIVE lock"),
	rule("alter-column-type-rewrite", report.Warning, "ALTER COLUMN TYPE that is not binary-compatible rewrites the table"),
	rule("rename-column", report.Warning, "renaming a column breaks code still running with the old name"),
	rule("rename-table", report.Warning, "renaming a table breaks code still running with the old name"),
	rule("drop-column", report.Warning, "dropping a column breaks code still reading or writing it"),
	rule("drop-table", report.Warning, "dropping a table breaks code still using it and loses the data"),
	rule("drop-schema", report.Warning, "dropping a schema removes every object in it"),
	rule("drop-database", report.Error, "a migration that drops a database"),
	rule("drop-object", report.Warning, "dropping a view, type, domain, sequence, function or extension that deployed code may still use"),
	rule("rename-object", report.Warning, "renaming a view, type, enum value, sequence, function or schema, or moving an object to another schema"),
	rule("drop-default", report.Warning, "DROP DEFAULT or DROP EXPRESSION on a column deployed code inserts without"),
	rule("drop-not-null", report.Warning, "dropping NOT NULL lets NULLs in that running code does not expect"),
	rule("truncate-cascade", report.Warning, "TRUNCATE ... CASCADE empties every referencing table too"),
	rule("refresh-materialized-view-not-concurrently", report.Warning, "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view"),
	rule("set-tablespace", report.Warning, "SET TABLESPACE copies the relation under an ACCESS EXCLUSIVE lock"),
	rule("multiple-exclusive-locks", report.Warning, "one transaction takes ACCESS EXCLUSIVE locks on several live tables"),
	rule("backfill-in-ddl-transaction", report.Warning, "UPDATE/DELETE in the same transaction as DDL that locks a live table"),
	rule("missing-lock-timeout", report.Warning, "a locking statement on a live table with no lock_timeout set before it"),
	rule("lock-timeout-too-long", report.Warning, "lock_timeout above 10s, or 0 (no timeout)"),
	rule("missing-statement-timeout", report.Warning, "a rewrite, scan or index build under an ACCESS EXCLUSIVE lock on a live table with no statement_timeout set"),
	rule("vacuum-full-or-cluster", report.Warning, "VACUUM FULL or CLUSTER rewrites a live table under an ACCESS EXCLUSIVE lock"),
	rule("alter-domain-add-constraint", report.Warning, "ALTER DOMAIN ADD CONSTRAINT or SET NOT NULL checks every table using the domain under SHARE locks"),
	rule("prefer-robust-stmts", report.Warning, "a statement outside a transaction that a rerun of a half-applied migration fails on"),
	rule("transaction-nesting", report.Warning, "BEGIN, COMMIT or ROLLBACK that nests, ends the migration tool's transaction, or ends none"),
	rule("uncommitted-transaction", report.Error, "a BEGIN the script never commits or rolls back"),
	rule("prefer-text-over-char", report.Info, "a new char(n) column"),
	rule("prefer-text-over-varchar", report.Info, "a new varchar(n) column, whose limit takes an ACCESS EXCLUSIVE lock to change"),
	rule("prefer-bigint-keys", report.Info, "a new integer primary key, or an integer foreign key to a bigint key"),
	rule("prefer-bigint-over-int", report.Info, "a new integer or serial column (keys: prefer-bigint-keys)"),
	rule("prefer-bigint-over-smallint", report.Info, "a new smallint or smallserial column"),
	rule("prefer-identity", report.Info, "a new serial, bigserial or smallserial column (PostgreSQL 10+)"),
	rule("prefer-timestamptz", report.Info, "a new timestamp without time zone column"),
	rule("prefer-jsonb", report.Info, "a new json column"),
	rule("create-domain-with-constraint", report.Info, "a domain declared with CHECK or NOT NULL constraints"),
	rule("add-enum-value-without-position", report.Info, "ALTER TYPE ... ADD VALUE without BEFORE or AFTER on an existing enum"),
	rule("no-down-migration", report.Warning, "a migration without a down script, in a format that has them"),
	rule("down-does-not-undo", report.Warning, "a down script that does not restore the schema the up script started from"),
	rule("identifier-too-long", report.Warning, "an identifier longer than 63 bytes, which PostgreSQL truncates"),
	rule("ignore-without-reason", report.Warning, "a -- dblint:ignore directive without a reason"),
	rule("unused-ignore", report.Warning, "a -- dblint:ignore directive that suppresses nothing"),
	rule("syntax-error", report.Error, "a migration file that does not parse"),
}

func run(pass *analysis.Pass) (_ any, err error) {
	cfg, _ := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	if cfg == nil || cfg.Root == "" || strings.HasSuffix(pass.Pkg.Name(), "_test") {
		return nil, nil
	}
	dir := packageDir(pass)
	if dir == "" {
		return nil, nil
	}
	opts := Options{
		PGVersion: cfg.PGVersion,
		Baseline:  cfg.MigrationsBaseline,
		Enabled:   func(rule string) bool { return cfg.Enabled(Name, rule) },
	}
	var dirs []string
	if len(cfg.Migrations) > 0 && dir == Owner(cfg.Root, cfg.Migrations) {
		dirs = append(dirs, cfg.Migrations...)
	}
	for _, d := range embeddedMigrationDirs(pass, dir) {
		if !contains(dirs, d) && !contains(cfg.Migrations, d) {
			dirs = append(dirs, d)
		}
	}
	rep := &sqlReporter{pass: pass, files: map[string]*token.File{}}
	gr := newGoReporter(pass, cfg)
	goDone := false
	for _, d := range dirs {
		migs, err := load.Dir(d)
		if err != nil {
			if rep.loadError(err, opts.Enabled) {
				continue
			}
			return nil, fmt.Errorf("%s: %w", Name, err)
		}
		rep.srcs(migs)
		if d == dir && len(gr.migs) > 0 {
			// The package's own directory: its goose Go migrations run
			// between its .sql ones.
			migs, goDone = gr.merge(migs), true
		}
		opts.Base = baseCatalog(cfg, d)
		findings, err := Check(migs, opts)
		if err != nil {
			return nil, err
		}
		for _, f := range findings {
			if !gr.report(f) {
				rep.report(f)
			}
		}
	}
	if len(gr.migs) > 0 && !goDone {
		// The .sql migrations beside them are another package's to
		// report (or nobody's): only the Go migrations' findings count.
		var migs []*sqlschema.Migration
		if format, err := load.DetectFormat(dir); err == nil && format == load.Goose {
			migs, _ = load.Dir(dir)
		}
		opts.Base = baseCatalog(cfg, dir)
		findings, err := Check(gr.merge(migs), opts)
		if err != nil {
			return nil, err
		}
		for _, f := range findings {
			gr.report(f)
		}
	}
	return nil, nil
}

// goReporter reports the findings of a package's goose Go migrations at
// their Go calls: a statement's at the Exec call that sends it, else at
// the goose.AddMigration* call. It reports through report.Reporter, so
// //dblint:ignore on the call's line (or the line above) applies.
type goReporter struct {
	rep  *report.Reporter
	migs []*migrations.GoMigration
	// of maps the migrations' scripts to their migration.
	of map[*sqlschema.Script]*migrations.GoMigration
}

func newGoReporter(pass *analysis.Pass, cfg *dbconfig.Config) *goReporter {
	gr := &goReporter{rep: report.New(pass, cfg), of: map[*sqlschema.Script]*migrations.GoMigration{}}
	res, _ := pass.ResultOf[migrations.Analyzer].(*migrations.Result)
	if res == nil {
		return gr
	}
	for _, g := range res.Go {
		if g.Migration == nil || g.Register == nil {
			continue
		}
		gr.migs = append(gr.migs, g)
		for _, s := range []*sqlschema.Script{g.Migration.Up, g.Migration.Down} {
			if s != nil {
				gr.of[s] = g
			}
		}
	}
	return gr
}

// merge returns the .sql migrations of the package's directory (in their
// order) with the Go migrations, ordered by version; a Go migration keeps
// its place after .sql ones of the same version, and Go migrations of one
// version keep their source order.
func (gr *goReporter) merge(sqlMigs []*sqlschema.Migration) []*sqlschema.Migration {
	out := slices.Clone(sqlMigs)
	for _, g := range gr.migs {
		out = append(out, g.Migration)
	}
	sort.SliceStable(out, func(i, j int) bool { return compareVersions(out[i].Version, out[j].Version) < 0 })
	return out
}

// report reports a finding in a Go migration's script and returns true;
// it returns false for any other finding.
func (gr *goReporter) report(f Finding) bool {
	g := gr.of[f.Script]
	if g == nil {
		return false
	}
	if f.Rule == "no-down-migration" && g.DownUnknown != "" {
		// The down function exists; only its SQL is not known.
		return true
	}
	var at ast.Node = g.Register
	if f.Rule != "no-down-migration" {
		// A missing down function is the registration's; everything
		// else is the statement's, sent by a call in the up or down
		// function. The Fix is dropped: its offsets index the
		// synthesized Src, not the .go file.
		if c := g.CallFor(f.Script, f.Stmt); c != nil {
			at = c
		}
	}
	gr.rep.Report(f.Rule, at.Pos(), at.End(), f.Message)
	return true
}

// baseCatalog is the schema before a migration directory: the schema
// sources configured before it (a pg_dump file the migrations build on).
func baseCatalog(cfg *dbconfig.Config, dir string) *sqlschema.Catalog {
	for i, s := range cfg.Schema {
		if s == dir && i > 0 {
			if res, err := load.Load(cfg.Schema[:i], load.Options{}); err == nil {
				return res.Catalog
			}
			return nil
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// packageDir is the directory of the package's Go files (after //line
// adjustment, so cgo packages give their source directory).
func packageDir(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		name := pass.Fset.Position(f.Package).Filename
		if filepath.IsAbs(name) && strings.HasSuffix(name, ".go") {
			return filepath.Dir(name)
		}
	}
	return ""
}

// sqlReporter reports findings at positions inside .sql files, which it
// adds to the pass's FileSet.
type sqlReporter struct {
	pass  *analysis.Pass
	src   map[string]string
	files map[string]*token.File
}

func (r *sqlReporter) srcs(migs []*sqlschema.Migration) {
	if r.src == nil {
		r.src = map[string]string{}
	}
	for _, m := range migs {
		for _, s := range []*sqlschema.Script{m.Up, m.Down} {
			if s != nil {
				r.src[s.File] = s.Src
			}
		}
	}
}

// file returns the token.File of a .sql file, adding it on first use.
func (r *sqlReporter) file(name string) *token.File {
	if f := r.files[name]; f != nil {
		return f
	}
	src, ok := r.src[name]
	if !ok {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil
		}
		src = string(data)
	}
	f := r.pass.Fset.AddFile(name, -1, len(src))
	f.SetLinesForContent([]byte(src))
	r.files[name] = f
	return f
}

func (r *sqlReporter) pos(f *token.File, off int) token.Pos {
	if off > f.Size() {
		off = f.Size()
	}
	if off < 0 {
		off = 0
	}
	return f.Pos(off)
}

func (r *sqlReporter) report(fd Finding) {
	f := r.file(fd.File)
	if f == nil {
		return
	}
	d := analysis.Diagnostic{Pos: r.pos(f, fd.Offset), End: r.pos(f, fd.EndOffset), Category: fd.Rule, Message: fd.Message}
	if fd.Fix != nil {
		sf := analysis.SuggestedFix{Message: fd.Fix.Message}
		for _, e := range fd.Fix.Edits {
			sf.TextEdits = append(sf.TextEdits, analysis.TextEdit{Pos: r.pos(f, e.Offset), End: r.pos(f, e.EndOffset), NewText: []byte(e.NewText)})
		}
		d.SuggestedFixes = []analysis.SuggestedFix{sf}
	}
	r.pass.Report(d)
}

// loadError reports a migration that does not parse as a finding at its
// position, and reports whether it did.
func (r *sqlReporter) loadError(err error, enabled func(string) bool) bool {
	var se *sqlschema.Error
	if !errors.As(err, &se) || se.File == "" || se.Line == 0 {
		return false
	}
	if !enabled("syntax-error") {
		return true
	}
	f := r.file(se.File)
	if f == nil || se.Line > f.LineCount() {
		return false
	}
	pos := f.LineStart(se.Line) + token.Pos(se.Column-1)
	r.pass.Report(analysis.Diagnostic{Pos: pos, End: pos, Category: "syntax-error", Message: se.Message})
	return true
}

// Owner returns the directory of the package that reports the module's
// configured migration directories, so that every migration finding is
// reported exactly once per module however the driver splits the work
// (go vet runs one process per package). It is decided from the file
// system alone, the same way in every process:
//
//  1. the module root, when it holds a buildable non-test Go file;
//  2. else the lexically smallest directory (by path relative to the root,
//     which orders import paths) whose package //go:embed's a migration
//     directory or files in it;
//  3. else the lexically smallest directory of the module holding a
//     buildable non-test Go file.
//
// Directories named testdata or vendor, hidden ones and nested modules are
// not part of the module. When the driver is not asked to analyze the
// owner package (dblint ./internal/...), migration findings are not
// reported; `dblint migrations` lints migrations on their own.
func Owner(root string, migrationDirs []string) string {
	key := root + "\x00" + strings.Join(migrationDirs, "\x00")
	if v, ok := owners.Load(key); ok {
		return v.(string)
	}
	o := owner(root, migrationDirs)
	owners.Store(key, o)
	return o
}

var owners sync.Map

func owner(root string, migrationDirs []string) string {
	if len(goFiles(root)) > 0 {
		return root
	}
	// An embed pattern cannot leave its package's directory, so only the
	// directories between the root and a migration directory can embed it.
	var embedders []string
	for _, d := range migrationDirs {
		for dir := d; strings.HasPrefix(dir, root+string(filepath.Separator)); dir = filepath.Dir(dir) {
			for _, f := range goFiles(dir) {
				for _, p := range embedPatternsInFile(f) {
					if embedCovers(dir, p, d) && !contains(embedders, dir) {
						embedders = append(embedders, dir)
					}
				}
			}
		}
	}
	if len(embedders) > 0 {
		sort.Slice(embedders, func(i, j int) bool { return relSlash(root, embedders[i]) < relSlash(root, embedders[j]) })
		return embedders[0]
	}
	// The module's first package: list the directories with Go files by
	// name, then check buildability in import-path order until one is.
	var withGo []string
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != root {
				name := d.Name()
				if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if n := d.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			if dir := filepath.Dir(path); len(withGo) == 0 || withGo[len(withGo)-1] != dir {
				withGo = append(withGo, dir)
			}
		}
		return nil
	})
	sort.Slice(withGo, func(i, j int) bool { return relSlash(root, withGo[i]) < relSlash(root, withGo[j]) })
	for _, d := range withGo {
		if len(goFiles(d)) > 0 {
			return d
		}
	}
	return root
}

func relSlash(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// coversAny reports whether an embedded path is a migration directory, is
// inside one, or contains one.
func coversAny(p string, dirs []string) bool {
	sep := string(filepath.Separator)
	for _, d := range dirs {
		if p == d || strings.HasPrefix(p, d+sep) || strings.HasPrefix(d, p+sep) {
			return true
		}
	}
	return false
}

// goFiles lists the buildable non-test Go files of a directory.
func goFiles(dir string) []string {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	// Names only: a migration directory can hold thousands of entries.
	names, _ := f.Readdirnames(-1)
	f.Close()
	sort.Strings(names)
	var out []string
	for _, n := range names {
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		if ok, err := build.Default.MatchFile(dir, n); err != nil || !ok {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	return out
}

// embedPatternsInFile reads the //go:embed patterns of a Go file without
// parsing it.
func embedPatternsInFile(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		out = append(out, embedPatterns(sc.Text())...)
	}
	return out
}

// embedPatterns parses the patterns of a //go:embed line (quoted patterns
// included); other lines give none.
func embedPatterns(line string) []string {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "//go:embed")
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return nil
	}
	var out []string
	rest = strings.TrimSpace(rest)
	for rest != "" {
		var p string
		switch rest[0] {
		case '"', '`':
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return out
			}
			p, _ = strconv.Unquote(q)
			rest = rest[len(q):]
		default:
			i := strings.IndexAny(rest, " \t")
			if i < 0 {
				i = len(rest)
			}
			p, rest = rest[:i], rest[i:]
		}
		out = append(out, strings.TrimPrefix(p, "all:"))
		rest = strings.TrimSpace(rest)
	}
	return out
}

// embedCovers reports whether the embed pattern of the package in dir
// matches the directory d, a path inside it, or a path that contains it.
// It answers without listing d when it can: a migration directory holds
// thousands of files, and every package of the module asks once per
// process (Owner).
func embedCovers(dir, pattern, d string) bool {
	full := filepath.Join(dir, filepath.FromSlash(pattern))
	parent, base := filepath.Split(full)
	parent = filepath.Clean(parent)
	if hasGlobMeta(parent) {
		for _, m := range globEmbed(dir, pattern) {
			if coversAny(m, []string{d}) {
				return true
			}
		}
		return false
	}
	sep := string(filepath.Separator)
	switch {
	case parent == d || strings.HasPrefix(parent, d+sep):
		// Every match is inside d: one match is enough.
		if !hasGlobMeta(base) {
			_, err := os.Lstat(full)
			return err == nil
		}
		return anyEntryMatches(parent, base, "")
	case strings.HasPrefix(d, parent+sep):
		// d is below parent: only the entry that leads to it can cover it.
		first, _, _ := strings.Cut(strings.TrimPrefix(d, parent+sep), sep)
		return anyEntryMatches(parent, base, first)
	}
	return false
}

func hasGlobMeta(p string) bool {
	magic := `*?[\`
	if runtime.GOOS == "windows" {
		magic = `*?[`
	}
	return strings.ContainsAny(p, magic)
}

// anyEntryMatches reports whether the directory has an entry matching the
// glob pattern (named only, when only is not empty), reading it in batches
// and stopping at the first.
func anyEntryMatches(dir, pattern, only string) bool {
	if only != "" {
		if ok, _ := filepath.Match(pattern, only); !ok {
			return false
		}
		_, err := os.Lstat(filepath.Join(dir, only))
		return err == nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	for {
		names, err := f.Readdirnames(256)
		for _, n := range names {
			if ok, _ := filepath.Match(pattern, n); ok {
				return true
			}
		}
		if err != nil {
			return false
		}
	}
}

// globEmbed resolves an embed pattern in a package directory.
func globEmbed(dir, pattern string) []string {
	m, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
	if err != nil {
		return nil
	}
	return m
}

// embeddedMigrationDirs returns the directories of .sql files the package
// embeds that look like migrations: a directory of a known migration tool,
// or one whose name says migrations.
func embeddedMigrationDirs(pass *analysis.Pass, dir string) []string {
	var cands []string
	add := func(d string) {
		if !contains(cands, d) {
			cands = append(cands, d)
		}
	}
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				for _, p := range embedPatterns(c.Text) {
					for _, m := range globEmbed(dir, p) {
						fi, err := os.Stat(m)
						switch {
						case err != nil:
						case fi.IsDir():
							_ = filepath.WalkDir(m, func(path string, d fs.DirEntry, err error) error {
								if err == nil && !d.IsDir() && strings.HasSuffix(path, ".sql") {
									add(filepath.Dir(path))
								}
								return nil
							})
						case strings.HasSuffix(m, ".sql"):
							add(filepath.Dir(m))
						}
					}
				}
			}
		}
	}
	var out []string
	for _, d := range cands {
		format, err := load.DetectFormat(d)
		if err != nil {
			continue
		}
		if format == load.Plain || format == load.PgDump {
			if !strings.Contains(strings.ToLower(filepath.Base(d)), "migrat") {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// LintPaths lints migrations for `dblint migrations [dir|file]...`: a
// directory is read with its tool's format (load.Dir); a .sql file inside
// a migration directory is checked with the schema its predecessors build,
// and on its own otherwise, as a one-file golang-migrate migration (one
// statement runs alone, several run as one implicit transaction; a
// NNN_x.up.sql brings its .down.sql along).
func LintPaths(paths []string, opts Options) ([]Finding, error) {
	var out []Finding
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		var found []Finding
		if fi.IsDir() {
			migs, err := load.Dir(p)
			if err != nil {
				return nil, err
			}
			found, err = Check(migs, opts)
			if err != nil {
				return nil, err
			}
		} else {
			found, err = lintFile(p, opts)
			if err != nil {
				return nil, err
			}
		}
		out = append(out, found...)
	}
	return dedupe(out), nil
}

func lintFile(path string, opts Options) ([]Finding, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	format, err := load.DetectFormat(dir)
	if err != nil || format == load.Plain || format == load.PgDump {
		// Not a migration tool's directory: the file stands alone.
		return lintLoneFile(path, opts)
	}
	if migs, err := load.Dir(dir); err == nil {
		for i, m := range migs {
			if !scriptIs(m.Up, path, abs) && !scriptIs(m.Down, path, abs) {
				continue
			}
			fs, err := Check(migs[:i+1], opts)
			if err != nil {
				return nil, err
			}
			var out []Finding
			for _, f := range fs {
				if (m.Up != nil && f.File == m.Up.File) || (m.Down != nil && f.File == m.Down.File) {
					out = append(out, f)
				}
			}
			return out, nil
		}
	}
	return lintLoneFile(path, opts)
}

// lintLoneFile checks a .sql file as a one-file golang-migrate migration.
func lintLoneFile(path string, opts Options) ([]Finding, error) {
	m := &sqlschema.Migration{Name: filepath.Base(path)}
	up, err := readScript(path)
	if err != nil {
		return nil, err
	}
	m.Up = up
	if base, ok := strings.CutSuffix(path, ".up.sql"); ok {
		m.Format = load.GolangMigrate
		if down, err := readScript(base + ".down.sql"); err == nil {
			m.Down = down
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return Check([]*sqlschema.Migration{m}, opts)
}

func scriptIs(s *sqlschema.Script, path, abs string) bool {
	return s != nil && (s.File == path || s.File == abs || filepath.Clean(s.File) == filepath.Clean(path))
}

// readScript reads one .sql file as a golang-migrate script.
func readScript(path string) (*sqlschema.Script, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	src := string(data)
	s := &sqlschema.Script{File: path, Src: src, Tx: sqlschema.TxImplicit}
	if strings.TrimSpace(src) == "" {
		return s, nil
	}
	res, err := pgsql.ParseUncached(src)
	if err != nil {
		var pe *pgsql.Error
		if errors.As(err, &pe) && pe.Pos.Offset >= 0 {
			return nil, &sqlschema.Error{Message: pe.Message, SQLState: pe.SQLState, File: path, Line: pe.Pos.Line, Column: pe.Pos.Column}
		}
		return nil, &sqlschema.Error{Message: err.Error(), SQLState: pgsql.SyntaxErrorCode, File: path}
	}
	s.Statements = res.Statements
	return s, nil
}

func dedupe(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return a.Rule < b.Rule
	})
	var out []Finding
	for i, f := range fs {
		if i > 0 && f.File == fs[i-1].File && f.Offset == fs[i-1].Offset && f.Rule == fs[i-1].Rule && f.Message == fs[i-1].Message {
			continue
		}
		out = append(out, f)
	}
	return out
}
