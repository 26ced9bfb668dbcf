package report

import (
	"go/token"
	"os"
	"strings"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// SQLFiles adds .sql files (migrations, schema files) to a pass's FileSet
// on first use, so that findings can point at a statement inside them,
// and keeps their statements for the ignore directives.
type SQLFiles struct {
	fset  *token.FileSet
	files map[string]*SQLFile
}

// SQLFile is one .sql file in the FileSet.
type SQLFile struct {
	TF *token.File
	// Stmts are the file's statements; nil when it does not parse as a
	// whole.
	Stmts []pgsql.Statement
}

// NewSQLFiles returns an empty set over fset.
func NewSQLFiles(fset *token.FileSet) *SQLFiles {
	return &SQLFiles{fset: fset, files: map[string]*SQLFile{}}
}

// File returns the .sql file name, added to the FileSet, or nil when it
// is not a readable .sql file.
func (s *SQLFiles) File(name string) *SQLFile {
	if f, ok := s.files[name]; ok {
		return f
	}
	var f *SQLFile
	if data, err := os.ReadFile(name); err == nil && strings.HasSuffix(name, ".sql") {
		tf := s.fset.AddFile(name, -1, len(data))
		tf.SetLinesForContent(data)
		f = &SQLFile{TF: tf}
		if res, err := pgsql.ParseUncached(string(data)); err == nil {
			f.Stmts = res.Statements
		}
	}
	s.files[name] = f
	return f
}

// Offset is the byte offset of src's line and column in the file, or -1
// when src is not a position inside it.
func (f *SQLFile) Offset(src sqlschema.Source) int {
	if f == nil || src.Line <= 0 || src.Line > f.TF.LineCount() {
		return -1
	}
	off := f.TF.Offset(f.TF.LineStart(src.Line)) + max(src.Column, 1) - 1
	if off > f.TF.Size() {
		return -1
	}
	return off
}

// StatementAt returns the statement that starts at src, or nil.
func (f *SQLFile) StatementAt(src sqlschema.Source) *pgsql.Statement {
	if f == nil {
		return nil
	}
	for i := range f.Stmts {
		st := &f.Stmts[i]
		if st.Pos.Line == src.Line && (src.Column <= 0 || st.Pos.Column == src.Column) {
			return st
		}
	}
	return nil
}

// IgnoredInSQL reports whether a `-- dblint:ignore` comment before the
// statement names the rule (as rule, analyzer/rule, the analyzer, or all).
func IgnoredInSQL(st *pgsql.Statement, analyzer, rule string) bool {
	if st == nil {
		return false
	}
	for _, cm := range st.Comments {
		ids, ok := ParseIgnore(cm.Text)
		if !ok {
			continue
		}
		for _, id := range ids {
			if id == rule || id == analyzer || id == analyzer+"/"+rule || id == "all" {
				return true
			}
		}
	}
	return false
}
