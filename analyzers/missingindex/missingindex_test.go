package missingindex_test

import (
	"flag"
	"fmt"
	"github.com/dblint/dblint/internal/ruletest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/dblint/dblint/analyzers/missingindex"
	"github.com/dblint/dblint/sqlschema"
)

// TestQueries runs the analyzer on testdata/queries, a module of its own
// whose dblint.yaml points at its migrations (analysistest's module mode,
// so dbconfig finds the module root the way a real run does).
func TestQueries(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "queries"))
	if err != nil {
		t.Fatal(err)
	}
	res := analysistest.Run(t, dir, missingindex.Analyzer, "./...")
	// fk-without-index reports in .sql files: golden tests below.
	ruletest.Covered(t, "missingindex", missingindex.Rules, res, "fk-without-index")
}

var update = flag.Bool("update", false, "rewrite the golden diagnostics.txt files")

// TestForeignKeys runs the analyzer over each module in testdata/fk and
// compares every diagnostic, with the package that reported it, to the
// case's golden diagnostics.txt (`// want` cannot sit in .sql files).
// Foreign keys must be reported once, by the package migrationsafety
// reports migrations from. Run with -update to rewrite the files.
func TestForeignKeys(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "fk", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			dir, err := filepath.Abs(dir)
			if err != nil {
				t.Fatal(err)
			}
			pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir,
				Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")}, "./...")
			if err != nil {
				t.Fatal(err)
			}
			if packages.PrintErrors(pkgs) > 0 {
				t.Fatal("package errors")
			}
			res, err := checker.Analyze([]*analysis.Analyzer{missingindex.Analyzer}, pkgs, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, act := range res.Roots {
				if act.Err != nil {
					t.Fatalf("%s: %v", act, act.Err)
				}
				for _, d := range act.Diagnostics {
					p := act.Package.Fset.Position(d.Pos)
					rel, err := filepath.Rel(dir, p.Filename)
					if err != nil {
						rel = p.Filename
					}
					got = append(got, fmt.Sprintf("%s %s:%d:%d: %s: %s", act.Package.PkgPath, filepath.ToSlash(rel), p.Line, p.Column, d.Category, d.Message))
				}
			}
			slices.Sort(got)
			text := strings.Join(got, "\n") + "\n"
			golden := filepath.Join(dir, "diagnostics.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if text != string(want) {
				t.Errorf("diagnostics:\n%s\nwant (%s):\n%s", text, golden, want)
			}
		})
	}
}

// writeModule writes a module for analysistest into a temporary directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.22\n"
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRowEstimates: with a schema snapshot from a live database, tables
// estimated below min-rows are small and stay silent.
func TestRowEstimates(t *testing.T) {
	cat := sqlschema.New()
	if err := cat.ApplySQL("schema.sql", `
CREATE TABLE big (id bigint PRIMARY KEY, k text);
CREATE TABLE tiny (id bigint PRIMARY KEY, k text);
CREATE TABLE unknown (id bigint PRIMARY KEY, k text);`); err != nil {
		t.Fatal(err)
	}
	cat.Table("", "big").RowEstimate = 50000
	cat.Table("", "tiny").RowEstimate = 12
	var snap strings.Builder
	if err := cat.WriteSnapshot(&snap); err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, map[string]string{
		"schema.json": snap.String(),
		"dblint.yaml": "schema: [schema.json]\nmin-rows: 1000\n",
		"q.go": `package q

import "database/sql"

func f(db *sql.DB) {
	db.Query("SELECT * FROM big WHERE k = $1", 1) // want ` + "`" + `query on "big" filters by "k"` + "`" + `
	db.Query("SELECT * FROM tiny WHERE k = $1", 1)
	db.Query("SELECT * FROM unknown WHERE k = $1", 1) // want ` + "`" + `query on "unknown" filters by "k"` + "`" + `
}
`,
	})
	analysistest.Run(t, dir, missingindex.Analyzer, "./...")
}

// TestSkipScan: from PostgreSQL 18 a B-tree can serve an equality on a
// non-leading key; with pg-version 18 that is not reported.
func TestSkipScan(t *testing.T) {
	q := `package q

import "database/sql"

func f(db *sql.DB) {
	db.Query("SELECT * FROM t WHERE b = $1", 1)%s
	db.Query("SELECT * FROM t WHERE c > $1", 1) // want ` + "`" + `query on "t" filters by "c"` + "`" + `
}
`
	schema := "CREATE TABLE t (a int, b int, c int);\nCREATE INDEX t_a_b_c_idx ON t (a, b, c);\n"
	for _, tc := range []struct{ version, want string }{
		{"17", " // want `query on \"t\" filters by \"b\"`"},
		{"18", ""},
	} {
		t.Run(tc.version, func(t *testing.T) {
			dir := writeModule(t, map[string]string{
				"schema.sql":  schema,
				"dblint.yaml": "schema: [schema.sql]\npg-version: " + tc.version + "\n",
				"q.go":        fmt.Sprintf(q, tc.want),
			})
			analysistest.Run(t, dir, missingindex.Analyzer, "./...")
		})
	}
}
