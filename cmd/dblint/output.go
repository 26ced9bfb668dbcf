package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Finding is one diagnostic in the CLI's JSON contract (DESIGN.md).
type Finding struct {
	File           string         `json:"file"`
	Line           int            `json:"line"`
	Column         int            `json:"column"`
	EndLine        int            `json:"end_line"`
	EndColumn      int            `json:"end_column"`
	Analyzer       string         `json:"analyzer"`
	Rule           string         `json:"rule"`
	Severity       string         `json:"severity"`
	Message        string         `json:"message"`
	SuggestedFixes []SuggestedFix `json:"suggested_fixes"`
}

// SuggestedFix is a fix as text edits.
type SuggestedFix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit replaces [start, end) of a file with new text.
type Edit struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	NewText   string `json:"new_text"`
}

func newFinding(fset *token.FileSet, a *analysis.Analyzer, d analysis.Diagnostic) Finding {
	return findingFrom(fset, a.Name, d)
}

// findingFrom converts a diagnostic of the named analyzer (or of the
// driver, "dblint").
func findingFrom(fset *token.FileSet, analyzer string, d analysis.Diagnostic) Finding {
	p := fset.Position(d.Pos)
	end := p
	if d.End.IsValid() {
		end = fset.Position(d.End)
	}
	f := baseFinding(p.Filename, p.Line, p.Column, end.Line, end.Column, analyzer, d.Category, d.Message)
	for _, sf := range d.SuggestedFixes {
		fix := SuggestedFix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			// Edits address the bytes of the file itself: positions
			// without //line adjustment.
			s, en := fset.PositionFor(e.Pos, false), fset.PositionFor(e.End, false)
			if !e.End.IsValid() {
				en = s
			}
			fix.Edits = append(fix.Edits, Edit{
				File: relPath(s.Filename), Line: s.Line, Column: s.Column, EndLine: en.Line, EndColumn: en.Column,
				Offset: s.Offset, EndOffset: en.Offset, NewText: string(e.NewText),
			})
		}
		f.SuggestedFixes = append(f.SuggestedFixes, fix)
	}
	return f
}

// dedupe sorts findings and drops exact duplicates (a package and its test
// variant share files, so the same finding can arrive twice).
func dedupe(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Analyzer != b.Analyzer {
			return a.Analyzer < b.Analyzer
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	out := fs[:0]
	for _, f := range fs {
		if len(out) > 0 {
			p := out[len(out)-1]
			if p.File == f.File && p.Line == f.Line && p.Column == f.Column && p.Analyzer == f.Analyzer && p.Rule == f.Rule && p.Message == f.Message {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

func writeText(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s (%s/%s)\n", f.File, f.Line, f.Column, f.Message, f.Analyzer, f.Rule); err != nil {
			return err
		}
	}
	return nil
}

func writeJSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(fs)
}

// formats are the values of -format.
var formats = []string{"text", "json", "sarif", "github"}

// outputFlags are the flags of every command that reports findings
// (`dblint [packages]`, `dblint migrations`): the format, fixes and the
// baseline.
type outputFlags struct {
	format        string
	fix, diff     bool
	baseline      string
	writeBaseline string
}

func addOutputFlags(fs *flag.FlagSet) *outputFlags {
	o := &outputFlags{}
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(formats, ", "))
	fs.BoolVar(&o.fix, "fix", false, "apply suggested fixes to the files (Go and .sql); print the findings left")
	fs.BoolVar(&o.diff, "diff", false, "print suggested fixes as unified diffs instead of the findings; write nothing")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not in this baseline file (see -write-baseline)")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "write every current finding to this baseline file and exit 0")
	return o
}

// check validates the flags after parsing.
func (o *outputFlags) check() error {
	ok := false
	for _, f := range formats {
		ok = ok || o.format == f
	}
	if !ok {
		return fmt.Errorf("unknown -format %q (want %s)", o.format, strings.Join(formats, ", "))
	}
	if o.fix && o.diff {
		return errors.New("-fix writes the fixes and -diff only prints them: use one")
	}
	if o.writeBaseline != "" && (o.fix || o.diff) {
		return errors.New("-write-baseline records findings as they are: do not combine it with -fix or -diff")
	}
	return nil
}

// emit writes the findings as the flags say (baseline, fixes, format) and
// returns the exit status: 0 nothing left to report, 1 findings, 2 error.
func (o *outputFlags) emit(w io.Writer, findings []Finding) int {
	findings = dedupe(findings)
	if o.writeBaseline != "" {
		if err := writeBaselineFile(o.writeBaseline, findings); err != nil {
			fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
			return 2
		}
		fmt.Fprintf(os.Stderr, "dblint: wrote %s to %s\n", plural(len(findings), "finding"), o.writeBaseline)
		return 0
	}
	if o.baseline != "" {
		b, err := readBaselineFile(o.baseline)
		if err != nil {
			fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
			return 2
		}
		var hidden int
		findings, hidden = b.filter(findings)
		if hidden > 0 {
			fmt.Fprintf(os.Stderr, "dblint: %s hidden by baseline\n", plural(hidden, "finding"))
		}
	}
	if o.diff || o.fix {
		plan, err := planFixes(findings)
		if err != nil {
			fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
			return 2
		}
		if o.diff {
			if err := plan.writeDiff(w); err != nil {
				fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
				return 2
			}
		} else {
			if err := plan.apply(); err != nil {
				fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
				return 2
			}
			if n := len(plan.applied); n > 0 {
				fmt.Fprintf(os.Stderr, "dblint: applied %s to %s\n", plural(n, "fix"), plural(len(plan.files), "file"))
			}
			findings = plan.remaining(findings)
		}
		if n := plan.skipped; n > 0 {
			fmt.Fprintf(os.Stderr, "dblint: skipped %s overlapping another fix in the same file; run again to apply\n", plural(n, "fix"))
		}
		if o.diff {
			return exitStatus(findings)
		}
	}
	if err := writeFindings(w, o.format, findings); err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	return exitStatus(findings)
}

func exitStatus(findings []Finding) int {
	if len(findings) > 0 {
		return 1
	}
	return 0
}

// plural returns "1 finding", "2 findings", "2 fixes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "x") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeFindings writes the findings in one of formats.
func writeFindings(w io.Writer, format string, fs []Finding) error {
	switch format {
	case "json":
		return writeJSON(w, fs)
	case "sarif":
		return writeSARIF(w, fs)
	case "github":
		return writeGitHub(w, fs)
	default:
		return writeText(w, fs)
	}
}

// writeGitHub writes GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request:
// ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=analyzer/rule::message
func writeGitHub(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		cmd := "warning"
		switch f.Severity {
		case "error":
			cmd = "error"
		case "info":
			cmd = "notice"
		}
		props := []string{
			"file=" + githubProperty(f.File),
			fmt.Sprintf("line=%d", f.Line),
			fmt.Sprintf("col=%d", f.Column),
		}
		if f.EndLine > 0 {
			props = append(props, fmt.Sprintf("endLine=%d", f.EndLine), fmt.Sprintf("endColumn=%d", f.EndColumn))
		}
		props = append(props, "title="+githubProperty(f.Analyzer+"/"+f.Rule))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), githubData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// githubData escapes a workflow command's message: %, CR and LF.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value: as
// githubData, plus the separators : and ,.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// baseFinding is a finding of either engine, without fixes yet.
func baseFinding(file string, line, col, endLine, endCol int, analyzer, rule, msg string) Finding {
	return Finding{
		File: relPath(file), Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		Analyzer: analyzer, Rule: rule, Message: msg,
		Severity:       string(severityOf(analyzer, rule)),
		SuggestedFixes: []SuggestedFix{},
	}
}
