package analyzers

import (
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestEveryAnalyzerHasRulesAndURL(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Rules {
		ids[r.Analyzer] = true
		if r.ID == "" || r.Summary == "" || r.Severity == "" {
			t.Errorf("incomplete rule %+v", r)
		}
	}
	for _, a := range All {
		if !ids[a.Name] {
			t.Errorf("analyzer %s has no rules", a.Name)
		}
		if !strings.HasSuffix(a.URL, "docs/rules.md#"+a.Name) {
			t.Errorf("analyzer %s URL = %q", a.Name, a.URL)
		}
		if !strings.HasPrefix(a.Doc, a.Name+": ") {
			t.Errorf("analyzer %s Doc does not start with its name", a.Name)
		}
	}
}

func TestPanicBecomesError(t *testing.T) {
	// The wrapped Run of every analyzer recovers; check the mechanism on
	// the first one by handing it a pass it cannot use.
	a := All[0]
	pass := &analysis.Pass{Analyzer: a, Fset: token.NewFileSet(), Pkg: types.NewPackage("p", "p"), ResultOf: map[*analysis.Analyzer]any{}}
	_, err := a.Run(pass)
	if err == nil || !strings.Contains(err.Error(), "internal error in "+a.Name) {
		t.Fatalf("err = %v", err)
	}
}
