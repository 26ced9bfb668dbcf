package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dblint/dblint/analyzers"
	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// runMigrations implements `dblint migrations [dir|file]...`: the
// migrationsafety rules on .sql files alone (pre-commit on migration
// files), with the same findings and output formats as the analyzer.
func runMigrations(args []string) int {
	fs := flag.NewFlagSet("dblint migrations", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	out := addOutputFlags(fs)
	settingFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: dblint migrations [flags] [dir|file.sql]...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := out.check(); err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	wd, _ := os.Getwd()
	cfg, err := dbconfig.Load(findModuleRoot(wd))
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = cfg.Migrations
	}
	if len(paths) == 0 {
		fmt.Fprintln(os.Stderr, "dblint: no migrations to lint: name a directory or file, or set migrations: in dblint.yaml")
		return 2
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
			return 2
		}
	}
	opts := migrationsafety.Options{
		PGVersion: cfg.PGVersion,
		Baseline:  cfg.MigrationsBaseline,
		Enabled:   func(rule string) bool { return cfg.Enabled(migrationsafety.Analyzer.Name, rule) },
	}
	res, err := migrationsafety.LintPaths(paths, opts)
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	var findings []Finding
	for _, f := range res {
		findings = append(findings, migrationFinding(f))
	}
	return out.emit(os.Stdout, findings)
}

func migrationFinding(f migrationsafety.Finding) Finding {
	name := migrationsafety.Analyzer.Name
	out := Finding{
		File: relPath(absPath(f.File)), Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
		Analyzer: name, Rule: f.Rule, Message: f.Message,
		Severity:       string(analyzers.SeverityOf(name, f.Rule)),
		SuggestedFixes: []SuggestedFix{},
	}
	if f.Fix != nil {
		var idx *pgsql.LineIndex
		if src, err := os.ReadFile(f.File); err == nil {
			idx = pgsql.NewLineIndex(string(src))
		}
		fix := SuggestedFix{Message: f.Fix.Message}
		for _, e := range f.Fix.Edits {
			ed := Edit{File: out.File, Offset: e.Offset, EndOffset: e.EndOffset, NewText: e.NewText}
			if idx != nil {
				s, en := idx.Position(e.Offset), idx.Position(e.EndOffset)
				ed.Line, ed.Column, ed.EndLine, ed.EndColumn = s.Line, s.Column, en.Line, en.Column
			}
			fix.Edits = append(fix.Edits, ed)
		}
		out.SuggestedFixes = append(out.SuggestedFixes, fix)
	}
	return out
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
