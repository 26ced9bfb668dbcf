package report

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/dblint/dblint/sqlschema"
)

func TestSQLFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "1_a.up.sql")
	src := "CREATE TABLE a (id int);\n-- dblint:ignore fk-without-index reason\nCREATE TABLE b (a_id int REFERENCES a);\n"
	if err := os.WriteFile(good, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "2_b.up.sql")
	if err := os.WriteFile(bad, []byte("CREATE TABLE (;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewSQLFiles(token.NewFileSet())
	f := s.File(good)
	if f == nil || len(f.Stmts) != 2 || s.File(good) != f {
		t.Fatalf("File = %+v", f)
	}
	at := sqlschema.Source{File: good, Line: 3, Column: 1}
	if off := f.Offset(at); off != len("CREATE TABLE a (id int);\n-- dblint:ignore fk-without-index reason\n") {
		t.Errorf("Offset = %d", off)
	}
	st := f.StatementAt(at)
	if st == nil || !IgnoredInSQL(st, "missingindex", "fk-without-index") || IgnoredInSQL(st, "missingindex", "no-index") {
		t.Errorf("StatementAt / IgnoredInSQL: %+v", st)
	}
	if f.Offset(sqlschema.Source{File: good, Line: 9}) != -1 || f.StatementAt(sqlschema.Source{Line: 2}) != nil {
		t.Error("positions outside the file or between statements")
	}
	// A file that does not parse still gives positions; a missing or
	// non-.sql file gives nil, and nil answers -1 and nil.
	if b := s.File(bad); b == nil || b.Stmts != nil || b.Offset(sqlschema.Source{Line: 1}) != 0 {
		t.Errorf("unparsable file: %+v", b)
	}
	var none *SQLFile
	if s.File(filepath.Join(dir, "missing.sql")) != nil || s.File(filepath.Join(dir, "x.go")) != nil || none.Offset(at) != -1 || none.StatementAt(at) != nil {
		t.Error("missing and non-.sql files")
	}
}
