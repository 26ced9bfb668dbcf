package schemadesign_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/dblint/dblint/analyzers/schemadesign"
)

var update = flag.Bool("update", false, "rewrite the golden diagnostics.txt files")

// TestCases runs the analyzer over each module in testdata/cases and
// compares every diagnostic, with the package that reported it, to the
// case's golden diagnostics.txt (`// want` is not read in .sql files).
// Findings must come once, from the package migrationsafety.Owner names.
// Run with -update to rewrite the files.
func TestCases(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	cases, err := filepath.Glob(filepath.Join("testdata", "cases", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
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
			res, err := checker.Analyze([]*analysis.Analyzer{schemadesign.Analyzer}, pkgs, nil)
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
