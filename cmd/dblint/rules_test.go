package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/dblint/dblint/analyzers"
)

// TestRulesDocInSync fails when docs/rules.md is not what the analyzers
// generate.
func TestRulesDocInSync(t *testing.T) {
	want := rulesMarkdown()
	got, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatalf("%v; generate it with: go generate ./cmd/dblint", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("docs/rules.md is out of date with the analyzers' Doc and Rules; regenerate it with:\n\tgo generate ./cmd/dblint\n(or: go run ./cmd/dblint rules -markdown -o docs/rules.md)")
	}
}

// TestAnalyzerURLs checks that every analyzer points at its section of
// docs/rules.md, and that every rule has its anchor there.
func TestAnalyzerURLs(t *testing.T) {
	md := string(rulesMarkdown())
	for _, a := range analyzers.All {
		if want := docsURL + "#" + a.Name; a.URL != want {
			t.Errorf("%s.URL = %q, want %q", a.Name, a.URL, want)
		}
		if !strings.Contains(md, "\n## "+a.Name+"\n") {
			t.Errorf("docs/rules.md has no section %q", a.Name)
		}
	}
	has := map[string]bool{}
	for _, r := range allRules() {
		has[r.Analyzer] = true
		if !strings.Contains(md, `<a id="`+ruleAnchor(r.Analyzer, r.ID)+`"></a>`) {
			t.Errorf("docs/rules.md has no anchor for %s/%s", r.Analyzer, r.ID)
		}
	}
	for _, a := range analyzers.All {
		if !has[a.Name] {
			t.Errorf("analyzer %s has no rules in analyzers.Rules", a.Name)
		}
	}
}

func TestDescribeRule(t *testing.T) {
	var b bytes.Buffer
	if !describeRule(&b, "querycheck/unknown-column") {
		t.Fatal("querycheck/unknown-column not found")
	}
	out := b.String()
	for _, want := range []string{
		"querycheck/unknown-column (error): a column that does not exist",
		docsURL + "#querycheck-unknown-column",
		analyzers.All[0].Doc,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("describeRule output lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	if !describeRule(&b, "unused-ignore") || !strings.Contains(b.String(), "migrationsafety/unused-ignore") || !strings.Contains(b.String(), "dblint/unused-ignore") {
		t.Errorf("a rule id two analyzers share should describe both:\n%s", b.String())
	}
	if describeRule(&b, "no-such-rule") {
		t.Error("no-such-rule found")
	}
}
