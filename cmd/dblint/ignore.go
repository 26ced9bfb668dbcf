package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
)

// checkIgnores reports the //dblint:ignore directives in the Go files of
// the analyzed packages that do nothing: without a rule list or a reason
// (ignore-without-reason), or naming rules that suppressed no finding
// (unused-ignore). used is what the analyzers' Reporters suppressed
// (report.Suppressions); cfgs holds each package's configuration.
//
// Only the CLI can tell a directive is unused: it alone sees every
// analyzer's findings for a file. go vet and golangci-lint honour the
// directives but do not judge them.
func checkIgnores(pkgs []*packages.Package, cfgs map[*packages.Package]*dbconfig.Config, used []report.Suppression) []Finding {
	type at struct {
		file string
		line int
	}
	usedIDs := map[at]map[string]bool{}
	for _, s := range used {
		k := at{s.File, s.Line}
		if usedIDs[k] == nil {
			usedIDs[k] = map[string]bool{}
		}
		usedIDs[k][s.ID] = true
	}
	var out []Finding
	seen := map[string]bool{}
	for _, pkg := range pkgs {
		cfg := cfgs[pkg]
		for _, f := range pkg.Syntax {
			tf := pkg.Fset.File(f.Pos())
			if tf == nil || seen[tf.Name()] {
				continue
			}
			seen[tf.Name()] = true
			ic := &ignoreChecker{fset: pkg.Fset, tf: tf, cfg: cfg}
			for _, cg := range f.Comments {
				for _, c := range cg.List {
					d, ok := report.ParseDirective(c.Text)
					if !ok {
						continue
					}
					line := pkg.Fset.Position(c.Pos()).Line
					if fd, ok := ic.check(c, d, usedIDs[at{tf.Name(), line}]); ok {
						out = append(out, fd)
					}
				}
			}
		}
	}
	return out
}

type ignoreChecker struct {
	fset *token.FileSet
	tf   *token.File
	cfg  *dbconfig.Config
	src  []byte
}

func (ic *ignoreChecker) enabled(rule string) bool { return ic.cfg.Enabled(driverName, rule) }

// check judges one directive; used holds the ids of it that suppressed a
// finding.
func (ic *ignoreChecker) check(c *ast.Comment, d report.Directive, used map[string]bool) (Finding, bool) {
	if len(d.Rules) == 0 || d.Reason == "" {
		if !ic.enabled(ruleIgnoreWithoutReason) {
			return Finding{}, false
		}
		msg := "//dblint:ignore names no rule, so it suppresses nothing; write //dblint:ignore <rule> <reason>"
		if len(d.Rules) > 0 {
			list := strings.Join(d.Rules, ",")
			msg = fmt.Sprintf("//dblint:ignore %s gives no reason, so it suppresses nothing; say why the finding does not apply: //dblint:ignore %s <reason>", list, list)
		}
		return ic.finding(ruleIgnoreWithoutReason, c, msg), true
	}
	if !ic.enabled(ruleUnusedIgnore) {
		return Finding{}, false
	}
	var unused, unknown, kept []string
	for _, id := range d.Rules {
		if used[id] {
			kept = append(kept, id)
			continue
		}
		named := rulesNamedBy(id)
		if len(named) == 0 && id != "all" {
			unknown = append(unknown, id)
			unused = append(unused, id)
			continue
		}
		if id != "all" && !ic.anyEnabled(named) {
			// Every rule it names is off: it has nothing to suppress
			// now, and is right again when the rule is turned back on.
			kept = append(kept, id)
			continue
		}
		unused = append(unused, id)
	}
	if len(unused) == 0 {
		return Finding{}, false
	}
	list := strings.Join(d.Rules, ",")
	note := ""
	if len(unknown) > 0 {
		note = fmt.Sprintf(" (%s: no such dblint rule or analyzer)", quoteAll(unknown))
	}
	if len(kept) == 0 {
		msg := fmt.Sprintf("//dblint:ignore %s suppresses no finding on this line or the next%s; remove the directive", list, note)
		return ic.finding(ruleUnusedIgnore, c, msg, ic.removeComment(c)), true
	}
	it := "it"
	if len(unused) > 1 {
		it = "them"
	}
	msg := fmt.Sprintf("%s in //dblint:ignore %s suppresses no finding on this line or the next%s; remove %s from the list", quoteAll(unused), list, note, it)
	fix := analysis.SuggestedFix{
		Message: "Remove " + strings.Join(unused, ", ") + " from the list",
		TextEdits: []analysis.TextEdit{{
			Pos: c.Pos() + token.Pos(d.ListOffset), End: c.Pos() + token.Pos(d.ListEnd),
			NewText: []byte(strings.Join(kept, ",")),
		}},
	}
	return ic.finding(ruleUnusedIgnore, c, msg, fix), true
}

// anyEnabled reports whether one of the rules is on.
func (ic *ignoreChecker) anyEnabled(rules []report.Rule) bool {
	for _, r := range rules {
		if ic.cfg.Enabled(r.Analyzer, r.ID) {
			return true
		}
	}
	return false
}

// rulesNamedBy returns the rules a directive id names.
func rulesNamedBy(id string) []report.Rule {
	var out []report.Rule
	for _, r := range allRules() {
		if r.Analyzer == driverName {
			continue // directives do not suppress the driver's own findings
		}
		if report.MatchesRule(id, r.Analyzer, r.ID) && id != "all" {
			out = append(out, r)
		}
	}
	return out
}

func quoteAll(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = strconv.Quote(id)
	}
	return strings.Join(q, ", ")
}

func (ic *ignoreChecker) finding(rule string, c *ast.Comment, msg string, fixes ...analysis.SuggestedFix) Finding {
	return findingFrom(ic.fset, driverName, analysis.Diagnostic{Pos: c.Pos(), End: c.End(), Category: rule, Message: msg, SuggestedFixes: fixes})
}

// removeComment is the fix that deletes a directive: its whole line when
// it stands alone there, else the comment and the blanks before it.
func (ic *ignoreChecker) removeComment(c *ast.Comment) analysis.SuggestedFix {
	fix := analysis.SuggestedFix{Message: "Remove the directive"}
	if ic.src == nil {
		ic.src, _ = os.ReadFile(ic.tf.Name())
	}
	start, end := ic.tf.Offset(c.Pos()), ic.tf.Offset(c.End())
	if len(ic.src) != ic.tf.Size() || end > len(ic.src) {
		// The file is not what was parsed (cgo, or it changed): delete
		// the comment alone.
		fix.TextEdits = []analysis.TextEdit{{Pos: c.Pos(), End: c.End()}}
		return fix
	}
	lineStart := start
	for lineStart > 0 && (ic.src[lineStart-1] == ' ' || ic.src[lineStart-1] == '\t') {
		lineStart--
	}
	lineEnd := end
	for lineEnd < len(ic.src) && (ic.src[lineEnd] == ' ' || ic.src[lineEnd] == '\t' || ic.src[lineEnd] == '\r') {
		lineEnd++
	}
	alone := (lineStart == 0 || ic.src[lineStart-1] == '\n') && (lineEnd == len(ic.src) || ic.src[lineEnd] == '\n')
	if alone {
		if lineEnd < len(ic.src) {
			lineEnd++ // the newline
		}
		start, end = lineStart, lineEnd
	} else {
		start = lineStart
	}
	fix.TextEdits = []analysis.TextEdit{{Pos: ic.tf.Pos(start), End: ic.tf.Pos(end)}}
	return fix
}
