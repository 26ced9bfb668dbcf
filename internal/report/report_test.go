package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		comment string
		ok      bool
		rules   []string
		reason  string
		list    string // the comment text at [ListOffset, ListEnd)
	}{
		{"//dblint:ignore unknown-column the column comes from a view", true, []string{"unknown-column"}, "the column comes from a view", "unknown-column"},
		{"// dblint:ignore a,b  why not", true, []string{"a", "b"}, "why not", "a,b"},
		{"-- dblint:ignore create-index-not-concurrently empty table", true, []string{"create-index-not-concurrently"}, "empty table", "create-index-not-concurrently"},
		{"/* dblint:ignore all generated */", true, []string{"all"}, "generated", "all"},
		{"/* dblint:ignore scan-null\nmulti-line */", true, []string{"scan-null"}, "multi-line", "scan-null"},
		{"//dblint:ignore\tscan-null\treason", true, []string{"scan-null"}, "reason", "scan-null"},
		{"//dblint:ignore scan-null", true, []string{"scan-null"}, "", "scan-null"},
		{"//dblint:ignore", true, nil, "", ""},
		{"//dblint:ignored scan-null x", false, nil, "", ""},
		{"// not a directive", false, nil, "", ""},
		{"//nolint:dblint", false, nil, "", ""},
	} {
		d, ok := ParseDirective(tc.comment)
		if ok != tc.ok || !reflect.DeepEqual(d.Rules, tc.rules) || d.Reason != tc.reason {
			t.Errorf("ParseDirective(%q) = %+v, %v; want rules %q reason %q, %v", tc.comment, d, ok, tc.rules, tc.reason, tc.ok)
			continue
		}
		if got := tc.comment[d.ListOffset:d.ListEnd]; got != tc.list {
			t.Errorf("ParseDirective(%q): list span %q, want %q", tc.comment, got, tc.list)
		}
		ids, iok := ParseIgnore(tc.comment)
		if want := tc.ok && tc.reason != "" && len(tc.rules) > 0; iok != want || (want && !reflect.DeepEqual(ids, tc.rules)) {
			t.Errorf("ParseIgnore(%q) = %q, %v", tc.comment, ids, iok)
		}
	}
}

const src = `package p

func f() {
	//dblint:ignore unknown-column the view has it
	_ = 1
	_ = 2 //dblint:ignore querycheck,scan-null generated code

	_ = 3 //dblint:ignore scan-null
}
`

// TestReportSuppressions checks that Report drops ignored findings and,
// while recording, remembers which directive id hid them.
func TestReportSuppressions(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var got []analysis.Diagnostic
	pass := &analysis.Pass{
		Analyzer: &analysis.Analyzer{Name: "querycheck"},
		Fset:     fset,
		Files:    []*ast.File{f},
		Report:   func(d analysis.Diagnostic) { got = append(got, d) },
	}
	line := func(n int) token.Pos { return fset.File(f.Pos()).LineStart(n) + 1 }
	StartRecording()
	defer StopRecording()
	r := New(pass, nil)
	r.Report("unknown-column", line(5), line(5), "hidden by the line above")
	r.Report("scan-null", line(6), line(6), "hidden twice on its line")
	r.Report("scan-null", line(8), line(8), "no reason: reported")
	r.Report("unknown-table", line(5), line(5), "other rule: reported")
	if len(got) != 2 || got[0].Message != "no reason: reported" || got[1].Message != "other rule: reported" {
		t.Errorf("reported %v", got)
	}
	want := []Suppression{
		{File: "p.go", Line: 4, ID: "unknown-column", Analyzer: "querycheck", Rule: "unknown-column"},
		{File: "p.go", Line: 6, ID: "querycheck", Analyzer: "querycheck", Rule: "scan-null"},
		{File: "p.go", Line: 6, ID: "scan-null", Analyzer: "querycheck", Rule: "scan-null"},
	}
	if s := Suppressions(); !reflect.DeepEqual(s, want) {
		t.Errorf("Suppressions() = %+v\nwant %+v", s, want)
	}
	StopRecording()
	r.Report("unknown-column", line(5), line(5), "not recorded")
	if s := Suppressions(); len(s) != len(want) {
		t.Errorf("recorded while stopped: %+v", s)
	}
}
