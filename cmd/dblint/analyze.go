package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/dblint/dblint/analyzers"
	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/sqlcall"
)

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: dblint [flags] [packages]
       dblint migrations [flags] [dir|file.sql]...
       dblint schema [-schema source]... [-o file.json]
       dblint schema -database-url URL [-schemas a,b] [-o file.json]
       dblint drift [-schema source]... -database-url URL
       dblint explain -database-url URL [packages]
       dblint rules [rule|analyzer]...
       dblint lsp                      (language server on stdio)
       dblint [flags] file.go...       (files map to their packages, for pre-commit)
       go vet -vettool=$(command -v dblint) [packages]

Analyzes Go packages (default ./...) that talk to PostgreSQL against the
module's schema (dblint.yaml "schema:", or migrations found by convention).

Output: -format text (path:line:col: message (analyzer/rule)), json, sarif
(SARIF 2.1.0 for code scanning) or github (workflow annotations). -fix
applies suggested fixes, -diff prints them. -write-baseline file records
today's findings; -baseline file then reports only new ones.

Exit status: 0 no findings, 1 findings, 2 usage, configuration or load error.

Flags:
`)
}

// settingFlags registers every dblint.yaml key as a flag of fs, forwarding
// to the dbconfig analyzer's flags so both mean the same thing.
func settingFlags(fs *flag.FlagSet) {
	dbconfig.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		fs.Var(f.Value, f.Name, f.Usage)
	})
}

func runAnalyze(args []string) int {
	fs := flag.NewFlagSet("dblint", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	out := addOutputFlags(fs)
	stats := fs.Bool("stats", false, "print SQL call-site statistics to stderr (uses the direct engine)")
	tests := fs.Bool("test", true, "analyze test files too (-test=false uses the direct engine)")
	engine := fs.String("engine", "vet", "how packages are analyzed: vet (through go vet -vettool, with its build cache) or direct (load every package from source in this process)")
	fs.StringVar(&buildTags, "tags", "", "build tags, comma-separated, as go build -tags")
	settingFlags(fs)
	fs.Usage = func() { usage(os.Stderr); fs.PrintDefaults() }
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
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	switch *engine {
	case "vet":
		if !*stats && *tests {
			return analyzeWithVet(patterns, out)
		}
	case "direct":
	default:
		fmt.Fprintf(os.Stderr, "dblint: unknown -engine %q (want vet or direct)\n", *engine)
		return 2
	}
	pkgs, ok := loadSyntax(patterns, *tests)
	if !ok {
		return 2
	}
	// Record what //dblint:ignore directives suppress, to report the
	// directives that suppress nothing.
	report.StartRecording()
	// dbconfig and sqlcall report nothing; they are roots so that their
	// results (the configuration, the call-site statistics) survive the
	// run: the checker drops the results of actions that are not roots.
	roots := append([]*analysis.Analyzer{dbconfig.Analyzer, sqlcall.Analyzer}, analyzers.All...)
	graph, err := checker.Analyze(roots, pkgs, &checker.Options{})
	report.StopRecording()
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	cfgs := map[*packages.Package]*dbconfig.Config{}
	var findings []Finding
	var runErrs []string
	seenErr := map[string]bool{}
	var st sqlcall.Stats
	// A package with tests is loaded twice, alone and as its test variant
	// (its files plus the _test.go ones): count its calls once, in the
	// variant.
	hasTestVariant := map[string]bool{}
	for _, p := range pkgs {
		if p.ForTest != "" && p.ForTest == p.PkgPath {
			hasTestVariant[p.PkgPath+"\x00"] = true
		}
	}
	for act := range graph.All() {
		if act.Err != nil {
			// A failed dependency (the schema did not load) fails every
			// action that needs it; report the cause once.
			msg := act.Err.Error()
			if strings.HasPrefix(msg, "failed prerequisites") {
				continue
			}
			if !seenErr[msg] {
				seenErr[msg] = true
				runErrs = append(runErrs, msg)
			}
			continue
		}
		if act.Analyzer == dbconfig.Analyzer {
			if c, ok := act.Result.(*dbconfig.Config); ok {
				cfgs[act.Package] = c
			}
		}
		if act.Analyzer == sqlcall.Analyzer && act.IsRoot && !hasTestVariant[act.Package.PkgPath+"\x00"+act.Package.ForTest] {
			if r, ok := act.Result.(*sqlcall.Result); ok && r != nil {
				st.Add(r.Stats)
			}
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			findings = append(findings, newFinding(act.Package.Fset, act.Analyzer, d))
		}
	}
	if len(runErrs) > 0 {
		sort.Strings(runErrs)
		for _, e := range runErrs {
			fmt.Fprintf(os.Stderr, "dblint: %s\n", e)
		}
		return 2
	}
	findings = append(findings, checkIgnores(pkgs, cfgs, report.Suppressions())...)
	code := out.emit(os.Stdout, findings)
	if *stats {
		fmt.Fprintf(os.Stderr, "dblint: SQL call sites: %d found, %d resolved, %d unresolved, %d parsed\n", st.Found, st.Resolved, st.Unresolved, st.Parsed)
	}
	return code
}

func printLoadErrors(pkgs []*packages.Package) int {
	n := 0
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := e.Error()
			if seen[msg] {
				continue
			}
			seen[msg] = true
			fmt.Fprintf(os.Stderr, "dblint: %s\n", msg)
			n++
		}
	})
	return n
}

// relPath shortens an absolute file name to one relative to the working
// directory when it is below it.
func relPath(name string) string {
	wd, err := os.Getwd()
	if err != nil {
		return name
	}
	if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return name
}

// analyzeWithVet is runAnalyze on the vet engine (see vet.go).
func analyzeWithVet(patterns []string, out *outputFlags) int {
	type listed struct {
		pkgs []*packages.Package
		cfgs map[*packages.Package]*dbconfig.Config
		err  error
	}
	// The files holding //dblint:ignore directives are listed while go
	// vet runs.
	ch := make(chan listed, 1)
	go func() {
		p, c, err := ignorePackages(patterns)
		ch <- listed{p, c, err}
	}()
	res, err := runVetEngine(patterns)
	l := <-ch
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	if len(res.errs) > 0 {
		seen := map[string]bool{}
		for _, e := range res.errs {
			if !seen[e] {
				seen[e] = true
				fmt.Fprintf(os.Stderr, "dblint: %s\n", e)
			}
		}
		return 2
	}
	findings := res.findings
	if l.err == nil {
		findings = append(findings, checkIgnores(l.pkgs, l.cfgs, res.suppressions)...)
	}
	return out.emit(os.Stdout, findings)
}

// buildTags is the -tags flag, passed on to go vet and go list.
var buildTags string

// tagsFlag is buildTags as go command arguments.
func tagsFlag() []string {
	if buildTags == "" {
		return nil
	}
	return []string{"-tags=" + buildTags}
}

// loadSyntax loads the packages matching patterns, with syntax and types
// for them and every dependency, as go/analysis/checker needs; it prints
// load errors and reports false on any.
func loadSyntax(patterns []string, tests bool) ([]*packages.Package, bool) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
			packages.NeedDeps | packages.NeedModule,
		Tests:      tests,
		BuildFlags: tagsFlag(),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return nil, false
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(os.Stderr, "dblint: no packages match %s\n", strings.Join(patterns, " "))
		return nil, false
	}
	return pkgs, printLoadErrors(pkgs) == 0
}
