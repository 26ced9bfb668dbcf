// Package analyzers lists dblint's reporting analyzers: the suite every
// driver (the CLI, go vet, golangci-lint) runs, and their rules.
package analyzers

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/analyzers/missingindex"
	"github.com/dblint/dblint/analyzers/nplusone"
	"github.com/dblint/dblint/analyzers/poolmisuse"
	"github.com/dblint/dblint/analyzers/querycheck"
	"github.com/dblint/dblint/analyzers/schemadesign"
	"github.com/dblint/dblint/analyzers/sqlinjection"
	"github.com/dblint/dblint/analyzers/txrace"
	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
)

// All is the suite of reporting analyzers.
var All = []*analysis.Analyzer{
	querycheck.Analyzer,
	migrationsafety.Analyzer,
	missingindex.Analyzer,
	nplusone.Analyzer,
	poolmisuse.Analyzer,
	sqlinjection.Analyzer,
	txrace.Analyzer,
	schemadesign.Analyzer,
}

// Rules lists every rule of every analyzer in All.
var Rules = concat(
	querycheck.Rules,
	migrationsafety.Rules,
	missingindex.Rules,
	nplusone.Rules,
	poolmisuse.Rules,
	sqlinjection.Rules,
	txrace.Rules,
	schemadesign.Rules,
)

func concat(lists ...[]report.Rule) []report.Rule {
	var out []report.Rule
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Vet returns the analyzers for go vet -vettool mode: All plus dbconfig, so
// its settings are flags there (-dbconfig.schema=...).
func Vet() []*analysis.Analyzer {
	return append([]*analysis.Analyzer{dbconfig.Analyzer}, All...)
}

// SeverityOf returns the severity of a rule; warning when unknown.
func SeverityOf(analyzer, rule string) report.Severity {
	for _, r := range Rules {
		if r.Analyzer == analyzer && r.ID == rule {
			return r.Severity
		}
	}
	return report.Warning
}

// A panic in one analyzer must not take the whole run down (golangci-lint
// runs many linters in one process): every analyzer of the suite, and the
// passes they require, turn a panic into an error that carries the stack.
func init() {
	seen := map[*analysis.Analyzer]bool{}
	var wrap func(a *analysis.Analyzer)
	wrap = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			wrap(r)
		}
		run := a.Run
		if run == nil {
			return
		}
		name := a.Name
		a.Run = func(pass *analysis.Pass) (res any, err error) {
			defer func() {
				if r := recover(); r != nil {
					res, err = nil, fmt.Errorf("internal error in %s on package %s: %v (please report it)\n%s", name, pass.Pkg.Path(), r, debug.Stack())
				}
			}()
			return run(pass)
		}
	}
	for _, a := range All {
		wrap(a)
	}
}
