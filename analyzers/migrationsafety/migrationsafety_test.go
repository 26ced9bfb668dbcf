package migrationsafety_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/sqlschema/load"
)

var update = flag.Bool("update", false, "rewrite the golden diagnostics.txt and fixes.txt files")

// caseOptions is a case folder's optional case.json.
type caseOptions struct {
	PGVersion int    `json:"pg_version"`
	Baseline  string `json:"baseline"`
	// Rules limits the case to these rule ids (default: every rule).
	Rules []string `json:"rules"`
}

// TestCases runs Check on every folder under testdata/cases and compares
// its findings with the folder's diagnostics.txt (`file:line:col: rule:
// message`) and its suggested fixes with fixes.txt.
func TestCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "cases", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var co caseOptions
			if data, err := os.ReadFile(filepath.Join(dir, "case.json")); err == nil {
				if err := json.Unmarshal(data, &co); err != nil {
					t.Fatalf("case.json: %v", err)
				}
			}
			opts := migrationsafety.Options{PGVersion: co.PGVersion, Baseline: co.Baseline}
			if len(co.Rules) > 0 {
				on := map[string]bool{}
				for _, r := range co.Rules {
					on[r] = true
				}
				opts.Enabled = func(rule string) bool { return on[rule] }
			}
			migs, err := load.Dir(dir)
			if err != nil {
				t.Fatal(err)
			}
			findings, err := migrationsafety.Check(migs, opts)
			if err != nil {
				t.Fatal(err)
			}
			var diags, fixes strings.Builder
			for _, f := range findings {
				file, _ := filepath.Rel(dir, f.File)
				fmt.Fprintf(&diags, "%s:%d:%d: %s: %s\n", filepath.ToSlash(file), f.Line, f.Column, f.Rule, f.Message)
				if f.Fix != nil {
					src, err := os.ReadFile(f.File)
					if err != nil {
						t.Fatal(err)
					}
					fmt.Fprintf(&fixes, "%s:%d:%d: %s: %s\n%s\n", filepath.ToSlash(file), f.Line, f.Column, f.Rule, f.Fix.Message,
						applyEdits(string(src), f.Fix.Edits, f.Offset, f.EndOffset))
				}
			}
			golden(t, filepath.Join(dir, "diagnostics.txt"), diags.String())
			golden(t, filepath.Join(dir, "fixes.txt"), fixes.String())
		})
	}
}

// applyEdits applies a fix and returns the changed statement's lines.
func applyEdits(src string, edits []migrationsafety.Edit, from, to int) string {
	out := src
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		out = out[:e.Offset] + e.NewText + out[e.EndOffset:]
		if e.Offset <= from {
			from += len(e.NewText) - (e.EndOffset - e.Offset)
		}
		to += len(e.NewText) - (e.EndOffset - e.Offset)
		from = min(from, e.Offset)
	}
	start := strings.LastIndexByte(out[:from], '\n') + 1
	end := strings.IndexByte(out[to:], '\n')
	if end < 0 {
		end = len(out)
	} else {
		end += to
	}
	return "\t" + strings.ReplaceAll(out[start:end], "\n", "\n\t")
}

// golden compares got with the file, or rewrites it with -update. A
// missing file stands for empty content.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if got == "" {
			os.Remove(path)
			return
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got\n%s--- want\n%s", path, got, want)
	}
}
