package main

//go:generate go run . rules -markdown -o ../../docs/rules.md

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/doc/comment"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/dblint/dblint/analyzers"
	"github.com/dblint/dblint/internal/report"
)

// docsURL is the rules reference; every Analyzer.URL is docsURL#<analyzer>
// and every rule has the anchor #<analyzer>-<rule>.
const docsURL = "https://github.com/dblint/dblint/blob/main/docs/rules.md"

// informationURI is the project's home, for SARIF's tool.driver.
const informationURI = "https://github.com/dblint/dblint"

// driverName is the analyzer name of the findings the driver itself makes
// (about //dblint:ignore directives).
const driverName = "dblint"

// Rules of the driver itself.
const (
	ruleIgnoreWithoutReason = "ignore-without-reason"
	ruleUnusedIgnore        = "unused-ignore"
)

var driverRules = []report.Rule{
	{Analyzer: driverName, ID: ruleIgnoreWithoutReason, Severity: report.Warning, Summary: "a //dblint:ignore directive without a rule list or a reason, which suppresses nothing"},
	{Analyzer: driverName, ID: ruleUnusedIgnore, Severity: report.Warning, Summary: "a //dblint:ignore directive, or a rule id in one, that suppresses no finding"},
}

const driverDoc = `dblint: suppression directives in Go files that do nothing

A finding in Go code is suppressed by a directive on its line or on the line
above:

	//dblint:ignore <rule>[,<rule>] <reason>

Each rule is a rule id (unknown-column), analyzer/rule
(querycheck/unknown-column), an analyzer name (querycheck) or all; the
reason says why the finding does not apply, and is required. In migration
.sql files the directive is a comment before the statement:

	-- dblint:ignore <rule>[,<rule>] <reason>

The dblint command reports directives in the Go files it analyzes that do
nothing: one without a rule list or a reason (ignore-without-reason), and
one naming a rule that suppresses no finding there, or that is not a dblint
rule at all (unused-ignore; the fix removes the directive, or the unused
ids from its list). An id whose rules are all disabled in dblint.yaml is
not reported. migrationsafety reports the same for directives in .sql
files.

Under go vet and golangci-lint the directives work the same, but unused
ones are not reported. golangci-lint's own //nolint:dblint works there as
for any linter; dblint does not read it.`

// ruleFamily is one analyzer and its rules, as the rules command and the
// docs present them.
type ruleFamily struct {
	Name  string
	Doc   string
	URL   string
	Rules []report.Rule
}

// families returns the analyzers of analyzers.All in order (and any
// analyzer that has rules but is not in All), then the driver's own rules.
func families() []ruleFamily {
	var out []ruleFamily
	index := map[string]int{}
	for _, a := range analyzers.All {
		index[a.Name] = len(out)
		out = append(out, ruleFamily{Name: a.Name, Doc: a.Doc, URL: a.URL})
	}
	for _, r := range analyzers.Rules {
		i, ok := index[r.Analyzer]
		if !ok {
			i = len(out)
			index[r.Analyzer] = i
			out = append(out, ruleFamily{Name: r.Analyzer, URL: docsURL + "#" + r.Analyzer})
		}
		out[i].Rules = append(out[i].Rules, r)
	}
	return append(out, ruleFamily{Name: driverName, Doc: driverDoc, URL: docsURL + "#" + driverName, Rules: driverRules})
}

// allRules is every rule the CLI can report: the analyzers' and its own.
func allRules() []report.Rule {
	return append(append([]report.Rule{}, analyzers.Rules...), driverRules...)
}

// severityOf returns the severity of a rule; warning when unknown.
func severityOf(analyzer, rule string) report.Severity {
	for _, r := range driverRules {
		if r.Analyzer == analyzer && r.ID == rule {
			return r.Severity
		}
	}
	return analyzers.SeverityOf(analyzer, rule)
}

// ruleAnchor is the anchor of a rule's section in docs/rules.md.
func ruleAnchor(analyzer, rule string) string { return analyzer + "-" + rule }

// ruleURL is the address of a rule's section in docs/rules.md.
func ruleURL(analyzer, rule string) string { return docsURL + "#" + ruleAnchor(analyzer, rule) }

// runRules implements `dblint rules [-markdown [-o file]] [id]...`.
func runRules(args []string) int {
	fs := flag.NewFlagSet("dblint rules", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	markdown := fs.Bool("markdown", false, "print docs/rules.md, the reference of every analyzer and rule, as Markdown")
	out := fs.String("o", "", "with -markdown, write to this file instead of stdout")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, `usage: dblint rules                 list every analyzer and rule with its severity
       dblint rules <rule|analyzer/rule|analyzer>...   print its documentation
       dblint rules -markdown [-o docs/rules.md]`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *markdown {
		if fs.NArg() > 0 {
			fmt.Fprintln(os.Stderr, "dblint: rules -markdown takes no arguments")
			return 2
		}
		md := rulesMarkdown()
		if *out == "" {
			os.Stdout.Write(md)
			return 0
		}
		if err := os.WriteFile(*out, md, 0o666); err != nil {
			fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
			return 2
		}
		return 0
	}
	if *out != "" {
		fmt.Fprintln(os.Stderr, "dblint: rules -o needs -markdown")
		return 2
	}
	if fs.NArg() == 0 {
		listRules(os.Stdout)
		return 0
	}
	var buf bytes.Buffer
	for i, id := range fs.Args() {
		if i > 0 {
			buf.WriteString("\n")
		}
		if !describeRule(&buf, id) {
			fmt.Fprintf(os.Stderr, "dblint: no rule or analyzer named %q; run \"dblint rules\" for the list\n", id)
			return 2
		}
	}
	os.Stdout.Write(buf.Bytes())
	return 0
}

// listRules prints every analyzer's summary line and its rules.
func listRules(w io.Writer) {
	for i, f := range families() {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, docSummary(f))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, r := range f.Rules {
			fmt.Fprintf(tw, "  %s/%s\t%s\t%s\n", r.Analyzer, r.ID, r.Severity, r.Summary)
		}
		tw.Flush()
	}
}

// docSummary is the first line of an analyzer's Doc ("name: summary").
func docSummary(f ruleFamily) string {
	if f.Doc == "" {
		return f.Name
	}
	line, _, _ := strings.Cut(f.Doc, "\n")
	return line
}

// describeRule prints the documentation of id: a rule id (every analyzer
// that has it), analyzer/rule, or an analyzer name. It reports whether id
// named anything.
func describeRule(w io.Writer, id string) bool {
	fams := families()
	for _, f := range fams {
		if f.Name == id {
			fmt.Fprintf(w, "%s\n\n%s\n\nrules:\n", f.Doc, f.URL)
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			for _, r := range f.Rules {
				fmt.Fprintf(tw, "  %s/%s\t%s\t%s\n", r.Analyzer, r.ID, r.Severity, r.Summary)
			}
			tw.Flush()
			return true
		}
	}
	found := false
	for _, f := range fams {
		for _, r := range f.Rules {
			if r.ID != id && r.Analyzer+"/"+r.ID != id {
				continue
			}
			if found {
				fmt.Fprintln(w)
			}
			found = true
			fmt.Fprintf(w, "%s/%s (%s): %s\n%s\n\n%s\n", r.Analyzer, r.ID, r.Severity, r.Summary, ruleURL(r.Analyzer, r.ID), f.Doc)
		}
	}
	return found
}

// rulesMarkdown renders docs/rules.md: a table of contents, then a section
// per analyzer (anchor #<analyzer>) with its Doc, and a subsection per rule
// (anchor #<analyzer>-<rule>). Rule sections carry explicit anchors because
// GitHub would derive "querycheckunknown-column" from the heading, and the
// same rule id can belong to two analyzers (syntax-error).
func rulesMarkdown() []byte {
	var b bytes.Buffer
	fams := families()
	b.WriteString("# dblint rules\n\n")
	b.WriteString("<!-- Code generated by \"go generate ./cmd/dblint\" (dblint rules -markdown -o docs/rules.md). DO NOT EDIT. -->\n\n")
	b.WriteString("Every finding names its rule as `analyzer/rule`. `dblint rules` lists them with their severity, " +
		"`dblint rules <rule>` prints one. Turn a rule off with `disable: [<rule>]` in dblint.yaml " +
		"(an analyzer name or `analyzer/rule` work too), and suppress one finding with " +
		"`//dblint:ignore <rule> <reason>` (see [dblint](#dblint)).\n\n")
	b.WriteString("| analyzer | rules |\n| --- | --- |\n")
	for _, f := range fams {
		var links []string
		for _, r := range f.Rules {
			links = append(links, fmt.Sprintf("[`%s`](#%s)", r.ID, ruleAnchor(r.Analyzer, r.ID)))
		}
		fmt.Fprintf(&b, "| [%s](#%s) | %s |\n", f.Name, f.Name, strings.Join(links, ", "))
	}
	for _, f := range fams {
		fmt.Fprintf(&b, "\n## %s\n\n", f.Name)
		if f.Doc != "" {
			var p comment.Parser
			pr := comment.Printer{HeadingLevel: 4}
			b.Write(pr.Markdown(p.Parse(f.Doc)))
		}
		for _, r := range f.Rules {
			fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n\n### %s/%s\n\n`%s`: %s\n", ruleAnchor(r.Analyzer, r.ID), r.Analyzer, r.ID, r.Severity, markdownText(r.Summary))
		}
	}
	return b.Bytes()
}

// markdownText escapes the characters of a one-line summary that Markdown
// would take for markup.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
