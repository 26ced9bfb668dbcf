// Package report is how dblint's analyzers describe their rules and report
// findings: every diagnostic carries its rule id as Category, is dropped when
// the rule is disabled, and honours //dblint:ignore directives, so the CLI,
// go vet and golangci-lint behave the same.
package report

import (
	"go/ast"
	"go/token"
	"strings"

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
	if !r.Enabled(rule) || r.Ignored(rule, pos) {
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
	if !pos.IsValid() {
		return false
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
	for _, d := range r.ignores[p.Filename] {
		if d.line != p.Line && d.line != p.Line-1 {
			continue
		}
		for _, id := range d.rules {
			if id == rule || id == r.Analyzer || id == r.Analyzer+"/"+rule || id == "all" {
				return true
			}
		}
	}
	return false
}

// ParseIgnore parses a //dblint:ignore (Go) or -- dblint:ignore (SQL)
// comment into its rule ids. ok is false when the comment is not a
// directive, or has no reason.
func ParseIgnore(comment string) (rules []string, ok bool) {
	t := strings.TrimSpace(comment)
	switch {
	case strings.HasPrefix(t, "//"):
		t = strings.TrimSpace(t[2:])
	case strings.HasPrefix(t, "--"):
		t = strings.TrimSpace(t[2:])
	case strings.HasPrefix(t, "/*"):
		t = strings.TrimSpace(strings.TrimSuffix(t[2:], "*/"))
	default:
		return nil, false
	}
	rest, found := strings.CutPrefix(t, "dblint:ignore")
	if !found || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil, false
	}
	fields := strings.Fields(rest)
	if len(fields) < 2 { // rule list and a reason
		return nil, false
	}
	for _, id := range strings.Split(fields[0], ",") {
		if id = strings.TrimSpace(id); id != "" {
			rules = append(rules, id)
		}
	}
	return rules, len(rules) > 0
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
