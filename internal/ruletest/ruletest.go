// Package ruletest holds checks shared by the analyzers' tests.
package ruletest

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/internal/report"
)

// Covered fails the test unless every rule of analyzer (except the ids in
// except, which are tested elsewhere) was reported at least once in the
// results. analysistest's // want matches messages, not rule ids: this
// makes sure each rule id has a finding in the fixtures, beside the
// near-misses that // want already keeps silent.
func Covered(t testing.TB, analyzer string, rules []report.Rule, results []*analysistest.Result, except ...string) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			seen[d.Category] = true
		}
	}
	skip := map[string]bool{}
	for _, id := range except {
		skip[id] = true
	}
	for _, r := range rules {
		if r.Analyzer == analyzer && !seen[r.ID] && !skip[r.ID] {
			t.Errorf("rule %s/%s has no finding in the test fixtures", analyzer, r.ID)
		}
	}
}
