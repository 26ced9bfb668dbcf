package missingindex

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/sqlschema"
)

const fkRule = "fk-without-index"

// foreignKeys reports foreign keys no index leads with, at the statement
// that added them. Like migration findings, they are reported once per
// module: by the package migrationsafety.Owner names, in its non-test
// variant.
func (c *checker) foreignKeys() {
	if c.cfg == nil || c.cfg.Root == "" || !c.r.Enabled(fkRule) || !c.reportsSchema() {
		return
	}
	for _, t := range c.cat.Tables() {
		if t.PartitionOf != "" || c.cfg.IsSmallTable(t.QualifiedName(), t.RowEstimate) {
			continue // a partition's keys are its parent's
		}
		for _, fk := range t.ForeignKeys() {
			if len(fk.Columns) == 0 || fkIndexed(t, fk) {
				continue
			}
			f := c.sql.File(fk.Source.File)
			off := f.Offset(fk.Source)
			if off < 0 || report.IgnoredInSQL(f.StatementAt(fk.Source), Name, fkRule) {
				continue
			}
			pos := f.TF.Pos(off)
			keys := make([]key, len(fk.Columns))
			for i, col := range fk.Columns {
				keys[i] = key{name: col, sql: quoteIdent(col)}
			}
			ref := sqlschema.QualifiedName(fk.RefSchema, fk.RefTable)
			msg := fmt.Sprintf("foreign key %q on %q (%s) has no index leading with its columns: deletes and updates on %q scan %q, and joins on it cannot use an index; add %s",
				fk.Name, t.QualifiedName(), strings.Join(fk.Columns, ", "), ref, t.QualifiedName(), c.createIndex(t, keys, ""))
			c.r.Report(fkRule, pos, pos, msg)
		}
	}
}

// reportsSchema reports whether this package is the one that reports the
// module's schema findings.
func (c *checker) reportsSchema() bool {
	if strings.HasSuffix(c.pass.Pkg.Name(), "_test") {
		return false
	}
	dir := ""
	for _, f := range c.pass.Files {
		name := c.pass.Fset.Position(f.Package).Filename
		if strings.HasSuffix(name, "_test.go") {
			return false // the test variant; the package itself reports
		}
		if dir == "" && filepath.IsAbs(name) && strings.HasSuffix(name, ".go") {
			dir = filepath.Dir(name)
		}
	}
	return dir != "" && dir == migrationsafety.Owner(c.cfg.Root, c.cfg.Migrations)
}

// fkIndexed reports whether an index serves lookups by the foreign key's
// columns: a non-partial B-tree whose leading keys are those columns in
// any order (or a hash index on a single-column key).
func fkIndexed(t *sqlschema.Table, fk *sqlschema.Constraint) bool {
	want := map[string]bool{}
	for _, c := range fk.Columns {
		want[c] = true
	}
	for _, ix := range t.Indexes {
		if !ix.Valid || ix.Predicate != "" || len(ix.Keys) < len(fk.Columns) {
			continue
		}
		switch strings.ToLower(ix.Method) {
		case "", "btree":
		case "hash":
			if len(fk.Columns) != 1 {
				continue
			}
		default:
			continue
		}
		ok := true
		for _, k := range ix.Keys[:len(fk.Columns)] {
			ok = ok && k.Column != "" && want[k.Column]
		}
		if ok {
			return true
		}
	}
	return false
}
