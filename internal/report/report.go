// Package report is how dblint's analyzers describe their rules and report
// findings: every diagnostic carries its rule id as Category, is dropped when
// the rule is disabled, and honours //dblint:ignore directives, so the CLI,
// go vet and golangci-lint behave the same.
package report

import (
	"go/ast"
	"go/token"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/passes/dbconfig"
)

// Severity of a rule's findings.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Rule describes one rule id of an analyzer.
type Rule struct {
	Analyzer string
	ID       string
	Severity Severity
	Summary  string
}

// Reporter reports one analyzer's findings for one pass.
type Reporter struct {
	Pass     *analysis.Pass
	Config   *dbconfig.Config
	Analyzer string

	ignores map[string][]directive // file name -> directives
}

// New returns a Reporter for the pass. cfg may be nil (everything enabled).
func New(pass *analysis.Pass, cfg *dbconfig.Config) *Reporter {
	return &Reporter{Pass: pass, Config: cfg, Analyzer: pass.Analyzer.Name}
}

// Enabled reports whether the rule is on.
func (r *Reporter) Enabled(rule string) bool { return r.Config.Enabled(r.Analyzer, rule) }

// Report reports a finding of rule at [pos, end).
func (r *Reporter) Report(rule string, pos, end token.Pos, msg string, fixes ...analysis.SuggestedFix) {
	if !r.Enabled(rule) {
		return
	}
	if hits := r.ignoredBy(rule, pos); len(hits) > 0 {
		for _, h := range hits {
			h.Analyzer, h.Rule = r.Analyzer, rule
			if recording.Load() {
				record(h)
			}
			if r.Config != nil && r.Config.ReportSuppressed {
				// The CLI runs the analyzers in go vet's processes and
				// learns what was suppressed from these diagnostics.
				r.Pass.Report(analysis.Diagnostic{Pos: pos, Category: SuppressedCategory, Message: h.encode()})
			}
		}
		return
	}
	r.Pass.Report(analysis.Diagnostic{Pos: pos, End: end, Category: rule, Message: msg, SuggestedFixes: fixes})
}

// ReportNode reports a finding of rule at node.
func (r *Reporter) ReportNode(rule string, n ast.Node, msg string, fixes ...analysis.SuggestedFix) {
	r.Report(rule, n.Pos(), n.End(), msg, fixes...)
}

// IgnorePrefix starts a suppression comment in Go.
const IgnorePrefix = "//dblint:ignore"

type directive struct {
	line  int
	rules []string
}

// Ignored reports whether a //dblint:ignore directive on the line of pos,
// or the line above, names rule (or its analyzer). A directive without a
// reason does not suppress anything.
func (r *Reporter) Ignored(rule string, pos token.Pos) bool {
	return len(r.ignoredBy(rule, pos)) > 0
}

// ignoredBy returns, for every directive id covering a finding of rule at
// pos, where the directive is and the id that matched. A finding can be
// covered twice (a directive on its line and one on the line above); both
// count as used.
func (r *Reporter) ignoredBy(rule string, pos token.Pos) []Suppression {
	if !pos.IsValid() {
		return nil
	}
	p := r.Pass.Fset.Position(pos)
	if r.ignores == nil {
		r.ignores = map[string][]directive{}
		for _, f := range r.Pass.Files {
			name := r.Pass.Fset.File(f.Pos()).Name()
			for _, cg := range f.Comments {
				for _, c := range cg.List {
					if d, ok := ParseIgnore(c.Text); ok {
						r.ignores[name] = append(r.ignores[name], directive{line: r.Pass.Fset.Position(c.Pos()).Line, rules: d})
					}
				}
			}
		}
	}
	var hits []Suppression
	for _, d := range r.ignores[p.Filename] {
		if d.line != p.Line && d.line != p.Line-1 {
			continue
		}
		for _, id := range d.rules {
			if MatchesRule(id, r.Analyzer, rule) {
				hits = append(hits, Suppression{File: p.Filename, Line: d.line, ID: id})
			}
		}
	}
	return hits
}

// MatchesRule reports whether a directive id names the rule of analyzer:
// the rule id, the analyzer name, analyzer/rule, or "all".
func MatchesRule(id, analyzer, rule string) bool {
	return id == rule || id == analyzer || id == analyzer+"/"+rule || id == "all"
}

// ParseIgnore parses a //dblint:ignore (Go) or -- dblint:ignore (SQL)
// comment into its rule ids. ok is false when the comment is not a
// directive, or has no reason.
func ParseIgnore(comment string) (rules []string, ok bool) {
	d, ok := ParseDirective(comment)
	if !ok || d.Reason == "" || len(d.Rules) == 0 {
		return nil, false
	}
	return d.Rules, true
}

// Directive is a dblint:ignore comment as written, reason or not.
type Directive struct {
	// Rules are the ids of the comma-separated list, in order.
	Rules []string
	// Reason is the text after the list; "" when missing.
	Reason string
	// ListOffset and ListEnd are the byte offsets of the rule list within
	// the comment text (both 0 when there is no list), so a fix can
	// rewrite the list alone.
	ListOffset, ListEnd int
}

// ParseDirective parses a //dblint:ignore (Go) or -- dblint:ignore (SQL)
// comment. ok is true for every directive, including one without rules or
// a reason, so drivers can report those; ok is false for other comments
// (//dblint:ignored is not a directive).
func ParseDirective(comment string) (d Directive, ok bool) {
	lead := len(comment) - len(strings.TrimLeft(comment, " \t"))
	t := comment[lead:]
	switch {
	case strings.HasPrefix(t, "//"), strings.HasPrefix(t, "--"):
		t = t[2:]
		lead += 2
	case strings.HasPrefix(t, "/*"):
		t = strings.TrimSuffix(t[2:], "*/")
		lead += 2
	default:
		return Directive{}, false
	}
	n := len(t)
	t = strings.TrimLeft(t, " \t")
	lead += n - len(t)
	rest, found := strings.CutPrefix(t, "dblint:ignore")
	if !found || (rest != "" && !unicode.IsSpace(rune(rest[0]))) {
		return Directive{}, false
	}
	lead += len("dblint:ignore")
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	lead += len(rest) - len(trimmed)
	list, reason := trimmed, ""
	if i := strings.IndexFunc(trimmed, unicode.IsSpace); i >= 0 {
		list, reason = trimmed[:i], trimmed[i:]
	}
	if list == "" {
		return Directive{}, true
	}
	d.ListOffset, d.ListEnd = lead, lead+len(list)
	for _, id := range strings.Split(list, ",") {
		if id = strings.TrimSpace(id); id != "" {
			d.Rules = append(d.Rules, id)
		}
	}
	d.Reason = strings.TrimSpace(reason)
	return d, true
}

// Shorten returns s on one line, cut to n bytes with "...".
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n - 3
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// InTestFile reports whether pos is in a _test.go file. Rules about
// production behavior (N+1, index advice, pool limits, SQL built from
// input, races) stay out of tests, which build their own fixtures, open
// their own pools and empty their own tables.
func InTestFile(fset *token.FileSet, pos token.Pos) bool {
	f := fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}
