package migrationsafety_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/sqlschema"
)

// TestAnalyzer runs the Analyzer over testdata/module (a module of its
// own) and checks that findings land at positions inside the .sql files,
// each reported by exactly one package: the configured migrations by the
// module root package (not again by internal/db, which embeds them), the
// goose migrations only internal/tenant embeds by that package, and a
// migration that does not parse (internal/legacy) as a syntax-error.
// analysistest cannot read `// want` in .sql files, so this drives the
// checker directly.
func TestAnalyzer(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "module"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("package errors")
	}
	res, err := checker.Analyze([]*analysis.Analyzer{migrationsafety.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var fixes []string
	for _, act := range res.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			end := act.Package.Fset.Position(d.End)
			rel, _ := filepath.Rel(dir, p.Filename)
			got = append(got, fmt.Sprintf("%s %s:%d:%d-%d:%d %s", act.Package.PkgPath, filepath.ToSlash(rel), p.Line, p.Column, end.Line, end.Column, d.Category))
			for _, f := range d.SuggestedFixes {
				for _, e := range f.TextEdits {
					ep := act.Package.Fset.Position(e.Pos)
					src, err := os.ReadFile(ep.Filename)
					if err != nil {
						t.Fatal(err)
					}
					// The edit's offset must index the real file.
					fixes = append(fixes, fmt.Sprintf("%s at %q+%q", f.Message, lastWord(string(src[:ep.Offset])), string(e.NewText)))
				}
			}
		}
	}
	slices.Sort(got)
	want := []string{
		"example.com/shop internal/db/migrations/0002_status_idx.up.sql:2:1-2:50 create-index-not-concurrently",
		"example.com/shop internal/db/migrations/0002_status_idx.up.sql:2:1-2:50 missing-lock-timeout",
		"example.com/shop/internal/legacy internal/legacy/migrations/00001_broken.sql:2:44-2:44 syntax-error",
		"example.com/shop/internal/tenant internal/tenant/tenant_migrations/00002_name.sql:3:25-3:73 add-check-without-not-valid",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	slices.Sort(fixes)
	wantFixes := []string{
		`Add CONCURRENTLY at "INDEX"+" CONCURRENTLY"`,
		`Add NOT VALID at "'')"+" NOT VALID"`,
		`Set lock_timeout first at "table"+"SET lock_timeout = '5s';\n"`,
	}
	if !slices.Equal(fixes, wantFixes) {
		t.Errorf("fixes:\n%s\nwant:\n%s", strings.Join(fixes, "\n"), strings.Join(wantFixes, "\n"))
	}
}

// TestGooseGo runs the Analyzer over packages that register goose Go
// migrations (goose is a stub at its real import path under
// testdata/src): findings land on the Go call that sends the statement,
// or on the goose.AddMigration* call, so `// want` works. Each package
// has a go.mod, so dbconfig takes it as the module root and reads no
// other configuration. goosego holds Go migrations alone; goosemixed
// holds .sql goose migrations too, which run between them by version;
// gooseowned is a configured migration directory, whose package reports
// the .sql and Go migrations in one run, each finding once.
func TestGooseGo(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), migrationsafety.Analyzer, "goosego", "goosemixed", "gooseowned")
}

// lastWord returns the last non-space run of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \n")
	return s[strings.LastIndexAny(s, " \n")+1:]
}

// TestOwner checks which package reports a module's migrations when the
// module root holds no Go package.
func TestOwner(t *testing.T) {
	write := func(root string, files map[string]string) {
		for name, content := range files {
			p := filepath.Join(root, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Run("embedder", func(t *testing.T) {
		root := t.TempDir()
		write(root, map[string]string{
			"go.mod":                         "module m\n",
			"tools.go":                       "//go:build tools\n\npackage tools\n",
			"cmd/app/main.go":                "package main\n",
			"store/store.go":                 "package store\n\nimport \"embed\"\n\n//go:embed migrations\nvar fs embed.FS\n",
			"store/migrations/0001_x.up.sql": "SELECT 1;\n",
		})
		if got, want := migrationsafety.Owner(root, []string{filepath.Join(root, "store", "migrations")}), filepath.Join(root, "store"); got != want {
			t.Errorf("Owner = %s, want %s", got, want)
		}
	})
	// Each pattern is embedded by db/db.go in a module whose migrations
	// are db/sql/migrations; want says whether db owns them (else the
	// first package, a/a, does).
	for _, tc := range []struct {
		pattern string
		want    bool
	}{
		{"sql/migrations/*.sql", true},
		{"sql/migrations/0001_x.up.sql", true},
		{"sql/migrations", true},
		{"sql", true},
		{"s*/migrations/*.sql", true},
		{"sql/m*", true},
		{"s?l", true},
		{`"sql/migrations/*.up.sql"`, true},
		{"sql/migrations/*.go", false},
		{"sql/other/*.sql", false},
		{"templates/*.html", false},
		{"t*", false},
	} {
		t.Run("embed "+tc.pattern, func(t *testing.T) {
			root := t.TempDir()
			write(root, map[string]string{
				"go.mod":                            "module m\n",
				"a/a/a.go":                          "package a\n",
				"db/db.go":                          "package db\n\nimport \"embed\"\n\n//go:embed " + tc.pattern + "\nvar fs embed.FS\n",
				"db/sql/migrations/0001_x.up.sql":   "SELECT 1;\n",
				"db/sql/migrations/0001_x.down.sql": "SELECT 1;\n",
				"db/sql/other/x.sql":                "SELECT 1;\n",
				"db/templates/x.html":               "<p>\n",
			})
			want := filepath.Join(root, "a", "a")
			if tc.want {
				want = filepath.Join(root, "db")
			}
			if got := migrationsafety.Owner(root, []string{filepath.Join(root, "db", "sql", "migrations")}); got != want {
				t.Errorf("Owner = %s, want %s", got, want)
			}
		})
	}
	t.Run("first package", func(t *testing.T) {
		root := t.TempDir()
		write(root, map[string]string{
			"go.mod":                    "module m\n",
			"b/b.go":                    "package b\n",
			"a/z/z.go":                  "package z\n",
			"a/z/z_test.go":             "package z\n",
			"testdata/x/x.go":           "package x\n",
			"db/migrations/0001.up.sql": "SELECT 1;\n",
		})
		if got, want := migrationsafety.Owner(root, []string{filepath.Join(root, "db", "migrations")}), filepath.Join(root, "a", "z"); got != want {
			t.Errorf("Owner = %s, want %s", got, want)
		}
	})
	t.Run("root", func(t *testing.T) {
		root := t.TempDir()
		write(root, map[string]string{"go.mod": "module m\n", "doc.go": "package m\n", "a/a.go": "package a\n"})
		if got := migrationsafety.Owner(root, nil); got != root {
			t.Errorf("Owner = %s, want %s", got, root)
		}
	})
}

// TestLintPaths checks the CLI entry point: a directory, a file inside a
// migration directory (checked with the schema its predecessors build),
// and a lone file (checked on its own, golang-migrate semantics).
func TestLintPaths(t *testing.T) {
	dir := filepath.Join("testdata", "cases", "add-check-without-not-valid")
	opts := migrationsafety.Options{Enabled: func(r string) bool { return r == "add-check-without-not-valid" || r == "no-down-migration" }}
	all, err := migrationsafety.LintPaths([]string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no findings for the directory")
	}
	one, err := migrationsafety.LintPaths([]string{filepath.Join(dir, "0003_two.up.sql")}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range one {
		if filepath.Base(f.File) != "0003_two.up.sql" {
			t.Errorf("finding in another file: %s", f.File)
		}
		rules = append(rules, f.Rule)
	}
	if want := []string{"no-down-migration", "add-check-without-not-valid"}; !slices.Equal(rules, want) {
		t.Errorf("rules = %v, want %v", rules, want)
	}

	// A lone file: the table is unknown, so it is taken as an existing one.
	tmp := t.TempDir()
	lone := filepath.Join(tmp, "alter.sql")
	if err := os.WriteFile(lone, []byte("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := migrationsafety.LintPaths([]string{lone}, migrationsafety.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules = nil
	for _, f := range got {
		rules = append(rules, fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.Rule))
	}
	if want := []string{"1:1 concurrently-in-transaction", "2:1 missing-lock-timeout", "2:1 set-not-null"}; !slices.Equal(rules, want) {
		t.Errorf("lone file: %v, want %v", rules, want)
	}

	if err := os.WriteFile(lone, []byte("ALTER TABLE users ADD COLUMN;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = migrationsafety.LintPaths([]string{lone}, migrationsafety.Options{})
	var se *sqlschema.Error
	if err == nil || !strings.Contains(err.Error(), "alter.sql:1:") {
		t.Errorf("syntax error: got %v (%T), want a *sqlschema.Error at alter.sql:1", err, se)
	}
}
