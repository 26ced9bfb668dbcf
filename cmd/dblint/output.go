package main

import (
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/analyzers"
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
	File        string `json:"file"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
	Offset      int    `json:"offset"`
	EndOffset   int    `json:"end_offset"`
	NewText     string `json:"new_text"`
}

func newFinding(fset *token.FileSet, a *analysis.Analyzer, d analysis.Diagnostic) Finding {
	p := fset.Position(d.Pos)
	end := p
	if d.End.IsValid() {
		end = fset.Position(d.End)
	}
	f := Finding{
		File: relPath(p.Filename), Line: p.Line, Column: p.Column,
		EndLine: end.Line, EndColumn: end.Column,
		Analyzer: a.Name, Rule: d.Category, Message: d.Message,
		Severity: string(analyzers.SeverityOf(a.Name, d.Category)),
		SuggestedFixes: []SuggestedFix{},
	}
	for _, sf := range d.SuggestedFixes {
		fix := SuggestedFix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			s, en := fset.Position(e.Pos), fset.Position(e.End)
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
