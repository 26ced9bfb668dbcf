package schemadesign

import (
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/schema"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/load"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Name is the analyzer's name, the family of its rule ids.
const Name = "schemadesign"

// Analyzer reviews the module's final schema and its migrations' grants
// and roles, at the statements in the .sql files.
var Analyzer = &analysis.Analyzer{
	Name:     Name,
	Doc:      doc,
	URL:      "https://github.com/dblint/dblint/blob/main/docs/rules.md#schemadesign",
	Run:      run,
	Requires: []*analysis.Analyzer{dbconfig.Analyzer, schema.Analyzer},
}

// Rule ids.
const (
	ruleNoPK       = "table-without-primary-key"
	ruleMissingFK  = "missing-foreign-key"
	ruleFloatMoney = "float-for-money"
	ruleGrantAll   = "grant-all"
	ruleSuperuser  = "superuser-role"
)

// Rules are schemadesign's rule ids.
var Rules = []report.Rule{
	{Analyzer: Name, ID: ruleNoPK, Severity: report.Warning, Summary: "a table with neither a primary key nor a unique index"},
	{Analyzer: Name, ID: ruleMissingFK, Severity: report.Warning, Summary: "a <table>_id column of the type of that table's key, with no foreign key"},
	{Analyzer: Name, ID: ruleFloatMoney, Severity: report.Warning, Summary: "a real or double precision column named like money (price, amount, balance, *_cents...)"},
	{Analyzer: Name, ID: ruleGrantAll, Severity: report.Warning, Summary: "GRANT ALL on tables, sequences, schemas or databases in a migration"},
	{Analyzer: Name, ID: ruleSuperuser, Severity: report.Error, Summary: "a migration that creates or alters a role WITH SUPERUSER"},
}

func run(pass *analysis.Pass) (_ any, err error) {
	cfg, _ := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	if cfg == nil || cfg.Root == "" || !reportsSchema(pass, cfg) {
		return nil, nil
	}
	c := &checker{pass: pass, r: report.New(pass, cfg), files: report.NewSQLFiles(pass.Fset)}
	sch, _ := pass.ResultOf[schema.Analyzer].(*schema.Result)
	cat, err := sch.Catalog()
	if err != nil {
		return nil, err
	}
	if cat != nil {
		c.cat = cat
		c.tables()
	}
	for _, dir := range cfg.Migrations {
		migs, err := load.Dir(dir)
		if err != nil {
			continue // migrationsafety reports migrations that do not load
		}
		c.migrations(migs)
	}
	return nil, nil
}

// reportsSchema reports whether this package reports the module's schema
// and migration findings: the package migrationsafety.Owner names, in its
// non-test variant, so each finding is reported once per module.
func reportsSchema(pass *analysis.Pass, cfg *dbconfig.Config) bool {
	if strings.HasSuffix(pass.Pkg.Name(), "_test") {
		return false
	}
	dir := ""
	for _, f := range pass.Files {
		name := pass.Fset.Position(f.Package).Filename
		if strings.HasSuffix(name, "_test.go") {
			return false
		}
		if dir == "" && filepath.IsAbs(name) && strings.HasSuffix(name, ".go") {
			dir = filepath.Dir(name)
		}
	}
	return dir != "" && dir == migrationsafety.Owner(cfg.Root, cfg.Migrations)
}

type checker struct {
	pass  *analysis.Pass
	r     *report.Reporter
	cat   *sqlschema.Catalog
	files *report.SQLFiles
}

// reportAt reports a finding at a byte offset of a .sql file, unless a
// `-- dblint:ignore <rule> <reason>` comment precedes the statement.
func (c *checker) reportAt(rule string, f *report.SQLFile, st *pgsql.Statement, off int, msg string) {
	if !c.r.Enabled(rule) || f == nil || report.IgnoredInSQL(st, Name, rule) {
		return
	}
	off = max(0, min(off, f.TF.Size()))
	pos := f.TF.Pos(off)
	c.pass.Report(analysis.Diagnostic{Pos: pos, End: pos, Category: rule, Message: msg})
}

// reportSource reports a finding at the statement that created an object,
// at the column definition named col inside it when there is one.
func (c *checker) reportSource(rule string, src sqlschema.Source, col, msg string) {
	if !c.r.Enabled(rule) || src.File == "" || src.Line <= 0 {
		return
	}
	f := c.files.File(src.File)
	off := f.Offset(src)
	if off < 0 {
		return
	}
	st := f.StatementAt(src)
	if st != nil && col != "" {
		if loc := columnDefLocation(st.Node, col); loc >= 0 {
			off = loc
		}
	}
	c.reportAt(rule, f, st, off, msg)
}

// columnDefLocation finds the definition of a column in CREATE TABLE or
// ALTER TABLE ADD COLUMN: its offset in the parsed source, or -1.
func columnDefLocation(n *pgsql.Node, col string) int {
	loc := -1
	pgsql.Inspect(n, func(m *pgsql.Node) bool {
		if cd := m.GetColumnDef(); cd != nil && cd.GetColname() == col && loc < 0 {
			loc = int(cd.GetLocation())
		}
		return loc < 0
	})
	return loc
}
