package analyzers_test

// Benchmarks of the analysis suite on generated code (internal/gencorpus),
// without analysistest: the corpus is loaded once with go/packages, as the
// CLI driver loads it, and checker.Analyze runs on it.
//
//	go test ./analyzers -run '^$' -bench . -benchtime 5x
//	DBLINT_BENCH_SIZES=small,medium go test ./analyzers -run '^$' -bench Suite -benchtime 3x -cpuprofile cpu.out
//
// Corpora are generated under gencorpus.BenchBase() once and reused.

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/dblint/dblint/analyzers"
	"github.com/dblint/dblint/internal/gencorpus"
	"github.com/dblint/dblint/passes/dbfacts"
	"github.com/dblint/dblint/passes/schema"
	"github.com/dblint/dblint/passes/sqlcall"
)

// loadMode is the CLI driver's (cmd/dblint/analyze.go).
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
	packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
	packages.NeedDeps | packages.NeedModule

type loaded struct {
	dir  string
	pkgs []*packages.Package
	err  error
}

var corpora sync.Map // size -> *sync.OnceValue

func corpusDir(tb testing.TB, size string) string {
	tb.Helper()
	dir, _, err := gencorpus.Dir(gencorpus.BenchBase(), gencorpus.Options{Size: gencorpus.Sizes[size], Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

func loadPackages(dir string) ([]*packages.Package, error) {
	cfg := &packages.Config{Mode: loadMode, Dir: dir}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("load errors: %s", strings.Join(errs[:min(5, len(errs))], "; "))
	}
	return pkgs, nil
}

// corpus returns the loaded packages of a generated corpus, loading them
// once per process; the benchmark is skipped when the corpus cannot load
// (no module cache and no network).
func corpus(b *testing.B, size string) *loaded {
	b.Helper()
	v, _ := corpora.LoadOrStore(size, sync.OnceValue(func() *loaded {
		l := &loaded{}
		l.dir, _, l.err = gencorpus.Dir(gencorpus.BenchBase(), gencorpus.Options{Size: gencorpus.Sizes[size], Seed: 1})
		if l.err == nil {
			l.pkgs, l.err = loadPackages(l.dir)
		}
		return l
	}))
	l := v.(func() *loaded)()
	if l.err != nil {
		b.Skipf("corpus %s does not load: %v", size, l.err)
	}
	// dbconfig finds dblint.yaml from the module; keep the schema cache
	// away from the user's.
	if os.Getenv("DBLINT_CACHE_DIR") == "" {
		b.Setenv("DBLINT_CACHE_DIR", b.TempDir())
	}
	return l
}

func sizes() []string {
	if s := os.Getenv("DBLINT_BENCH_SIZES"); s != "" {
		return strings.Split(s, ",")
	}
	return []string{"small"}
}

// pkgOf returns the first root package whose path contains part.
func pkgOf(b *testing.B, l *loaded, part string) *packages.Package {
	for _, p := range l.pkgs {
		if strings.Contains(p.PkgPath, part) {
			return p
		}
	}
	b.Fatalf("no package matching %q", part)
	return nil
}

func run(b *testing.B, as []*analysis.Analyzer, pkgs []*packages.Package) *checker.Graph {
	g, err := checker.Analyze(as, pkgs, &checker.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for act := range g.All() {
		if act.Err != nil {
			b.Fatalf("%s: %v", act, act.Err)
		}
	}
	return g
}

// BenchmarkPackagesLoad is the driver's go/packages load of the whole
// corpus: every dependency, the standard library included, is parsed and
// type-checked from source, because fact-producing analyzers run on them.
func BenchmarkPackagesLoad(b *testing.B) {
	for _, size := range sizes() {
		dir := corpusDir(b, size)
		b.Run(size, func(b *testing.B) {
			var n int
			for b.Loop() {
				pkgs, err := loadPackages(dir)
				if err != nil {
					b.Skip(err)
				}
				n = 0
				packages.Visit(pkgs, nil, func(*packages.Package) { n++ })
			}
			b.ReportMetric(float64(n), "pkgs")
		})
	}
}

// BenchmarkAnalyzer runs each analyzer alone (with what it Requires) on
// one package of each kind of the small corpus. Analyzers whose
// requirements carry facts (nplusone through dbfacts, poolmisuse) run on
// every dependency too: "deps" counts the packages they ran on. util imports no database API: the cost of facts there is the
// cost the suite adds to code that never queries.
func BenchmarkAnalyzer(b *testing.B) {
	l := corpus(b, "small")
	kinds := []string{"/store/", "/service/", "/handler/", "/util/"}
	list := append(slices.Clone(analyzers.All), sqlcall.Analyzer, dbfacts.Analyzer, schema.Analyzer)
	for _, a := range list {
		for _, kind := range kinds {
			pkg := pkgOf(b, l, kind)
			b.Run(a.Name+"/"+strings.Trim(kind, "/"), func(b *testing.B) {
				var deps int
				for b.Loop() {
					g := run(b, []*analysis.Analyzer{a}, []*packages.Package{pkg})
					deps = 0
					for act := range g.All() {
						if act.Analyzer == a && !act.IsRoot {
							deps++
						}
					}
				}
				b.ReportMetric(float64(deps), "deps")
			})
		}
	}
}

// BenchmarkSuite runs analyzers.All on every package of a corpus, as
// `dblint ./...` does after loading: "parallel" as the driver runs it (the
// wall time), "sequential" one action at a time, logging where the time
// went: the sum of action durations per analyzer, on the module's
// packages and on their dependencies, in ms per run (run with -v).
func BenchmarkSuite(b *testing.B) {
	for _, size := range sizes() {
		for _, mode := range []string{"parallel", "sequential"} {
			b.Run(size+"/"+mode, func(b *testing.B) {
				l := corpus(b, size)
				run(b, analyzers.All, l.pkgs) // first sight: parse and catalog caches fill
				b.ResetTimer()
				type key struct {
					name   string
					module bool
				}
				sum := map[key]time.Duration{}
				count := map[key]int{}
				for b.Loop() {
					g, err := checker.Analyze(analyzers.All, l.pkgs, &checker.Options{Sequential: mode == "sequential"})
					if err != nil {
						b.Fatal(err)
					}
					for act := range g.All() {
						k := key{act.Analyzer.Name, isModule(act.Package)}
						sum[k] += act.Duration
						count[k]++
					}
				}
				if mode == "parallel" {
					return // durations overlap: not a breakdown
				}
				var keys []key
				for k := range sum {
					keys = append(keys, k)
				}
				sort.Slice(keys, func(i, j int) bool { return sum[keys[i]] > sum[keys[j]] })
				for _, k := range keys {
					where := "dep"
					if k.module {
						where = "module"
					}
					ms := float64(sum[k].Microseconds()) / 1000 / float64(b.N)
					b.Logf("%-16s %-6s %5d actions/run %9.1f ms/run", k.name, where, count[k]/b.N, ms)
					if ms >= 1 {
						b.ReportMetric(ms, k.name+"-"+where+"-ms")
					}
				}
			})
		}
	}
}

func isModule(p *packages.Package) bool {
	return p.Module != nil && p.Module.Main
}

// exportMode is a proposed driver mode: the module's packages from
// source, their dependencies from export data (compiled by the go
// command, cached in the build cache), as go vet does. Facts then flow
// between the module's packages only.
const exportMode = loadMode &^ packages.NeedDeps

func loadExport(dir string) ([]*packages.Package, error) {
	pkgs, err := packages.Load(&packages.Config{Mode: exportMode, Dir: dir}, "./...")
	if err != nil {
		return nil, err
	}
	roots := map[string]*packages.Package{}
	for _, p := range pkgs {
		roots[p.ID] = p
	}
	// Dependencies outside the load have types but no syntax: keep
	// them out of the checker's graph so fact-carrying analyzers run on
	// the module's packages only.
	for _, p := range pkgs {
		for path, imp := range p.Imports {
			if roots[imp.ID] == nil {
				delete(p.Imports, path)
			}
		}
	}
	return pkgs, nil
}

// BenchmarkDriver is the whole standalone run without the process:
// load, then analyze, in the CLI's mode ("alldeps": every dependency
// parsed and type-checked from source, fact analyzers run on all of them)
// and in the proposed mode ("exportdeps": dependencies from export data).
// With the module's packages already compiled (the build cache warm for
// them too) "exportdeps" skips type-checking about 250 dependencies; after
// an edit, go list -export compiles the edited packages first.
func BenchmarkDriver(b *testing.B) {
	for _, size := range sizes() {
		for _, mode := range []string{"alldeps", "exportdeps"} {
			b.Run(size+"/"+mode, func(b *testing.B) {
				dir := corpusDir(b, size)
				if os.Getenv("DBLINT_CACHE_DIR") == "" {
					b.Setenv("DBLINT_CACHE_DIR", b.TempDir())
				}
				var diags, actions int
				for b.Loop() {
					var pkgs []*packages.Package
					var err error
					if mode == "alldeps" {
						pkgs, err = loadPackages(dir)
					} else {
						pkgs, err = loadExport(dir)
					}
					if err != nil {
						b.Skip(err)
					}
					g := run(b, analyzers.All, pkgs)
					diags, actions = 0, 0
					for act := range g.All() {
						actions++
						if act.IsRoot {
							diags += len(act.Diagnostics)
						}
					}
				}
				b.ReportMetric(float64(diags), "findings")
				b.ReportMetric(float64(actions), "actions")
			})
		}
	}
}
