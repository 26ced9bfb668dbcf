package missingindex

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
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
			pos := c.sql.pos(c.pass.Fset, fk.Source)
			if !pos.IsValid() || c.sql.ignored(fk.Source) {
				continue
			}
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

// sqlFiles adds schema files to the pass's FileSet, so findings can point
// at a statement inside them, and reads their ignore directives.
type sqlFiles struct {
	files map[string]*sqlFile
}

type sqlFile struct {
	tf  *token.File
	res *pgsql.Result // nil when the file does not parse as a whole
}

func (s *sqlFiles) file(fset *token.FileSet, name string) *sqlFile {
	if f, ok := s.files[name]; ok {
		return f
	}
	if s.files == nil {
		s.files = map[string]*sqlFile{}
	}
	var f *sqlFile
	if data, err := os.ReadFile(name); err == nil && strings.HasSuffix(name, ".sql") {
		tf := fset.AddFile(name, -1, len(data))
		tf.SetLinesForContent(data)
		f = &sqlFile{tf: tf}
		if res, err := pgsql.ParseUncached(string(data)); err == nil {
			f.res = res
		}
	}
	s.files[name] = f
	return f
}

// pos is the position of a schema source, or NoPos when it is not a line
// of a .sql file that can be read.
func (s *sqlFiles) pos(fset *token.FileSet, src sqlschema.Source) token.Pos {
	if src.File == "" || src.Line <= 0 {
		return token.NoPos
	}
	f := s.file(fset, src.File)
	if f == nil || src.Line > f.tf.LineCount() {
		return token.NoPos
	}
	start := f.tf.LineStart(src.Line)
	col := max(src.Column, 1)
	off := f.tf.Offset(start) + col - 1
	if off > f.tf.Size() {
		return token.NoPos
	}
	return f.tf.Pos(off)
}

// ignored reports whether a `-- dblint:ignore fk-without-index <reason>`
// comment precedes the statement at src.
func (s *sqlFiles) ignored(src sqlschema.Source) bool {
	f := s.files[src.File]
	if f == nil || f.res == nil {
		return false
	}
	for _, st := range f.res.Statements {
		if st.Pos.Line != src.Line || (src.Column > 0 && st.Pos.Column != src.Column) {
			continue
		}
		for _, cm := range st.Comments {
			ids, ok := report.ParseIgnore(cm.Text)
			if !ok {
				continue
			}
			for _, id := range ids {
				if id == fkRule || id == Name || id == Name+"/"+fkRule || id == "all" {
					return true
				}
			}
		}
	}
	return false
}
