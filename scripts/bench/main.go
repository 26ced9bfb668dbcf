// Command bench compares dblint with go vet on generated modules of three
// sizes, and `dblint migrations` with squawk. It is what scripts/bench.sh
// runs; docs/performance.md explains the method and records results.
//
//	go run ./scripts/bench [-sizes small,medium,large] [-runs 5] [-dir DIR]
//
// For each size it generates the module (internal/gencorpus, cached under
// DIR/corpus), warms the build cache by running every command once, then
// runs `go vet ./...`, `go vet -vettool=dblint ./...`, `dblint ./...` and,
// when dblint has the -engine flag and -direct is not false, `dblint
// -engine=direct ./...` in turn,
// -runs times each, and prints the medians of wall time, CPU time and
// peak memory, and their ratios to go vet.
//
// Scenario "edit" (the default) rewrites one file in every package of the
// module before each run, with text never used before, as a change
// touching every package would: go vet must then recompile and re-vet the
// module's packages, while the standard library and the dependencies stay
// cached. Scenario "cached"
// touches nothing: go vet replays its cached results and only shows the
// go command's own overhead.
//
// Memory is measured two ways. "maxrss" is the kernel's high-water mark
// from wait4: the largest resident set of the command or of any
// descendant it waited for (wait4 reports the maximum over the process
// and its reaped children, not their sum). "tree" is the peak of the sum
// of the resident sets of the whole process tree, sampled every 10ms from
// /proc (each process's children are listed in
// /proc/PID/task/TID/children): go vet runs one vet process per package,
// two at a time on two cores, next to the go command, and the tree sum is
// what a machine must hold. Shared pages count once per process in the
// tree sum, so it overstates a little.
package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dblint/dblint/internal/gencorpus"
)

var (
	flagSizes    = flag.String("sizes", "small,medium,large", "corpus sizes to run, comma-separated")
	flagRuns     = flag.Int("runs", 5, "measured runs of each command per size")
	flagSeed     = flag.Int64("seed", 1, "corpus seed")
	flagDir      = flag.String("dir", defaultDir(), "work directory: corpora, binaries, caches")
	flagDblint   = flag.String("dblint", "", "dblint binary to measure (default: build ./cmd/dblint from -src)")
	flagSrc      = flag.String("src", ".", "dblint source tree to build when -dblint is empty")
	flagScenario = flag.String("scenario", "edit", "edit (touch every package before each run), cached (touch nothing), or both")
	flagSquawk   = flag.String("squawk", "auto", "squawk binary for the migrations comparison; auto installs squawk-cli with npm into -dir; off skips it")
	flagJSON     = flag.String("json", "", "also write the results as JSON to this file")
	flagNote     = flag.String("note", "", "free text stored with the results (e.g. \"under load\")")
	flagDirect   = flag.Bool("direct", true, "also measure dblint -engine=direct (slow and memory-hungry on large)")
	flagModules  = flag.String("modules", "", "existing module directories to measure too, comma-separated (-sizes \"\" for those alone); their packages get a zz_benchstamp.go during the run, removed after")
)

func defaultDir() string {
	if d := os.Getenv("DBLINT_BENCH_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "dblint-bench")
}

// sample is one measured run.
type sample struct {
	Wall   time.Duration
	CPU    time.Duration // user+system of the command and its reaped descendants
	MaxRSS int64         // KiB, from wait4
	Tree   int64         // KiB, peak of the sampled tree sum
}

// stats are the medians of a command's samples.
type stats struct {
	Command string
	Runs    int
	WallMs  float64
	CPUMs   float64
	MaxRSS  float64 // MiB
	TreeRSS float64 // MiB
	Exit    int
}

type sizeResult struct {
	Size     string
	Scenario string
	Corpus   string
	Packages int
	Queries  int
	Migs     int
	Commands []stats
	// Ratios of the medians to those of go vet (plain).
	Ratios []ratio
}

type ratio struct {
	Command                 string
	Wall, CPU, MaxRSS, Tree float64
}

// hasEngineFlag reports whether dblint has the -engine flag (vet or
// direct).
func hasEngineFlag(dblint string) bool {
	out, _ := exec.Command(dblint, "-h").CombinedOutput()
	return strings.Contains(string(out), "-engine")
}

type results struct {
	When    time.Time
	Machine string
	Note    string
	Load    string // /proc/loadavg at the start
	Sizes   []sizeResult
	Squawk  *squawkResult `json:",omitempty"`
}

type squawkResult struct {
	Migrations int
	Dblint     stats
	Squawk     stats
	Ratio      float64 // wall, dblint / squawk
	Note       string
}

func main() {
	flag.Parse()
	log := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...) }
	if err := os.MkdirAll(*flagDir, 0o755); err != nil {
		fatal(err)
	}
	dir, err := filepath.Abs(*flagDir)
	if err != nil {
		fatal(err)
	}
	res := &results{When: time.Now().UTC(), Machine: machine(), Note: *flagNote, Load: loadavg()}
	log("machine: %s; load average at start: %s", res.Machine, res.Load)

	dblint := *flagDblint
	if dblint == "" {
		dblint = filepath.Join(dir, "bin", "dblint")
		log("building dblint from %s", *flagSrc)
		cmd := exec.Command("go", "build", "-o", dblint, "./cmd/dblint")
		cmd.Dir, cmd.Stdout, cmd.Stderr = *flagSrc, os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fatal(fmt.Errorf("build dblint: %w (pass -dblint to measure a binary built elsewhere)", err))
		}
	}
	if dblint, err = filepath.Abs(dblint); err != nil {
		fatal(err)
	}
	env := append(os.Environ(), "DBLINT_CACHE_DIR="+filepath.Join(dir, "schema-cache"))

	// Every stamp is new: a stamp seen before (by another command, or
	// by an earlier bench run) would let the go command reuse compiled
	// packages or vet results from the build cache.
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	scenarios := []string{*flagScenario}
	if *flagScenario == "both" {
		scenarios = []string{"edit", "cached"}
	}
	var largest string
	for _, size := range strings.Split(*flagSizes, ",") {
		if size == "" {
			continue
		}
		sz, ok := gencorpus.Sizes[size]
		if !ok {
			fatal(fmt.Errorf("unknown size %q", size))
		}
		log("%s: generating (or reusing) the corpus", size)
		corpus, c, err := gencorpus.Dir(filepath.Join(dir, "corpus"), gencorpus.Options{Size: sz, Seed: *flagSeed})
		if err != nil {
			fatal(err)
		}
		largest = corpus
		t := target{label: size, root: corpus, dirs: packageDirs(c), packages: sz.Packages, queries: len(c.Queries), migs: len(c.Migrations)}
		res.Sizes = append(res.Sizes, benchTarget(t, dblint, env, nonce, scenarios, log)...)
	}
	for _, m := range strings.Split(*flagModules, ",") {
		if m == "" {
			continue
		}
		root, err := filepath.Abs(m)
		if err != nil {
			fatal(err)
		}
		dirs, err := modulePackageDirs(root)
		if err != nil {
			fatal(fmt.Errorf("%s: %w", m, err))
		}
		t := target{label: filepath.Base(root), root: root, dirs: dirs, packages: len(dirs)}
		res.Sizes = append(res.Sizes, benchTarget(t, dblint, env, nonce, scenarios, log)...)
	}

	if *flagSquawk != "off" && largest != "" {
		res.Squawk = compareSquawk(dir, dblint, env, largest, log)
	}
	res.Load += " -> " + loadavg()
	printResults(os.Stdout, res)
	if *flagJSON != "" {
		data, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(*flagJSON, data, 0o644); err != nil {
			fatal(err)
		}
	}
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "bench: %v\n", err)
	os.Exit(1)
}

// target is a module to measure: a generated corpus or an existing one.
type target struct {
	label                   string
	root                    string
	dirs                    []pkgDir
	packages, queries, migs int
}

// pkgDir is a package directory, relative to the module root, and the
// package's name (for the stamp file).
type pkgDir struct{ dir, name string }

// benchTarget warms the build cache on t and measures every command.
func benchTarget(t target, dblint string, env []string, nonce string, scenarios []string, log func(string, ...any)) []sizeResult {
	size, corpus, pkgDirs := t.label, t.root, t.dirs
	// go vet first: the ratios are to it.
	cmds := []struct {
		name string
		args []string
	}{
		{"go vet", []string{"go", "vet", "./..."}},
		{"go vet -vettool=dblint", []string{"go", "vet", "-vettool=" + dblint, "./..."}},
		{"dblint", []string{dblint, "./..."}},
	}
	if *flagDirect && hasEngineFlag(dblint) {
		// dblint ./... runs through go vet -vettool by default;
		// -engine=direct loads everything in one process.
		cmds = append(cmds, struct {
			name string
			args []string
		}{"dblint -engine=direct", []string{dblint, "-engine=direct", "./..."}})
	}
	var out []sizeResult
	log("%s: warming the build cache (go vet, go vet -vettool, dblint)", size)
	stamp(corpus, pkgDirs, nonce+" warm")
	defer stamp(corpus, pkgDirs, "") // leave the module as it was
	for _, c := range cmds {
		if _, _, err := measure(corpus, env, c.args); err != nil {
			stamp(corpus, pkgDirs, "")
			fatal(fmt.Errorf("%s: warm-up %s: %w", size, c.name, err))
		}
	}
	for _, sc := range scenarios {
		if sc == "cached" {
			// Let every command see the current files once, so go
			// vet has results to replay.
			for _, c := range cmds {
				if _, _, err := measure(corpus, env, c.args); err != nil {
					stamp(corpus, pkgDirs, "")
					fatal(fmt.Errorf("%s: warm-up %s: %w", size, c.name, err))
				}
			}
		}
		samples := make([][]sample, len(cmds))
		exits := make([]int, len(cmds))
		for run := range *flagRuns {
			// Rotate the order so no command always runs first
			// after a stamp.
			for k := range cmds {
				i := (run + k) % len(cmds)
				if sc == "edit" {
					stamp(corpus, pkgDirs, fmt.Sprintf("%s %d-%d", nonce, run, i))
				}
				s, exit, err := measure(corpus, env, cmds[i].args)
				if err != nil {
					stamp(corpus, pkgDirs, "")
					fatal(fmt.Errorf("%s: %s: %w", size, cmds[i].name, err))
				}
				samples[i] = append(samples[i], s)
				exits[i] = exit
				log("%s/%s run %d: %-24s %7.2fs wall %7.2fs cpu %6d MiB maxrss %6d MiB tree", size, sc, run+1, cmds[i].name,
					s.Wall.Seconds(), s.CPU.Seconds(), s.MaxRSS/1024, s.Tree/1024)
			}
		}
		sr := sizeResult{Size: size, Scenario: sc, Corpus: corpus, Packages: t.packages, Queries: t.queries, Migs: t.migs}
		for i, cm := range cmds {
			sr.Commands = append(sr.Commands, summarize(cm.name, samples[i], exits[i]))
		}
		v := sr.Commands[0]
		for _, c := range sr.Commands[1:] {
			sr.Ratios = append(sr.Ratios, ratio{Command: c.Command, Wall: c.WallMs / v.WallMs, CPU: c.CPUMs / v.CPUMs, MaxRSS: c.MaxRSS / v.MaxRSS, Tree: c.TreeRSS / v.TreeRSS})
		}
		out = append(out, sr)
	}
	return out
}

// modulePackageDirs lists the packages of the module at root (go list),
// with their names, skipping the bench's own stamp files.
func modulePackageDirs(root string) ([]pkgDir, error) {
	cmd := exec.Command("go", "list", "-e", "-f", "{{.Dir}}\t{{.Name}}\t{{len .GoFiles}}", "./...")
	cmd.Dir = root
	data, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	var out []pkgDir
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[1] == "" || f[2] == "0" {
			continue // a directory of test files or ignored files only
		}
		rel, err := filepath.Rel(root, f[0])
		if err != nil {
			continue
		}
		out = append(out, pkgDir{rel, f[1]})
	}
	return out, nil
}

// packageDirs lists the directories of the corpus's Go packages.
func packageDirs(c *gencorpus.Corpus) []pkgDir {
	seen := map[string]bool{}
	var out []pkgDir
	for name := range c.Files {
		if strings.HasSuffix(name, ".go") {
			d := filepath.Dir(filepath.FromSlash(name))
			if !seen[d] {
				seen[d] = true
				pkg := filepath.Base(d)
				if d == "." {
					pkg = "main"
				}
				out = append(out, pkgDir{d, pkg})
			}
		}
	}
	slices.SortFunc(out, func(a, b pkgDir) int { return strings.Compare(a.dir, b.dir) })
	return out
}

// stamp writes zz_benchstamp.go with tag into every package (an edit that
// invalidates go vet's cached results for the module's packages), or
// removes it when tag is empty.
func stamp(root string, dirs []pkgDir, tag string) {
	for _, d := range dirs {
		p := filepath.Join(root, d.dir, "zz_benchstamp.go")
		if tag == "" {
			os.Remove(p)
			continue
		}
		src := fmt.Sprintf("package %s\n\n// bench run %s\n", d.name, tag)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			fatal(err)
		}
	}
}

// measure runs args in dir and returns its sample and exit status. Exit
// statuses 0 and 1 (findings) are fine; others are errors.
func measure(dir string, env, args []string) (sample, int, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir, cmd.Env = dir, env
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, 0, err
	}
	stop := make(chan struct{})
	var tree int64
	var wg sync.WaitGroup
	wg.Go(func() { tree = sampleTree(cmd.Process.Pid, stop) })
	err := cmd.Wait()
	wall := time.Since(start)
	close(stop)
	wg.Wait()
	exit := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return sample{}, 0, err
		}
		exit = ee.ExitCode()
		if exit != 1 {
			return sample{}, exit, fmt.Errorf("exit status %d\n%s", exit, tail(stderr.String(), 2000))
		}
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return sample{Wall: wall, CPU: cpu, MaxRSS: ru.Maxrss, Tree: tree}, exit, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

var pageKiB = int64(os.Getpagesize() / 1024)

// sampleTree returns the peak, in KiB, of the summed resident sets of pid
// and its descendants, sampled every 10ms until stop is closed.
func sampleTree(pid int, stop <-chan struct{}) int64 {
	var peak int64
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if s := treeRSS(pid); s > peak {
			peak = s
		}
		select {
		case <-stop:
			return peak
		case <-tick.C:
		}
	}
}

func treeRSS(pid int) int64 {
	var sum int64
	stack := []int{pid}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if data, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", p)); err == nil {
			if f := strings.Fields(string(data)); len(f) > 1 {
				n, _ := strconv.ParseInt(f[1], 10, 64)
				sum += n * pageKiB
			}
		}
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", p))
		for _, t := range tasks {
			data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", p, t.Name()))
			if err != nil {
				continue
			}
			for _, c := range strings.Fields(string(data)) {
				if n, err := strconv.Atoi(c); err == nil {
					stack = append(stack, n)
				}
			}
		}
	}
	return sum
}

// median returns the middle value (the lower middle of an even count:
// the runs are few and the values not averaged).
func median[T cmp.Ordered](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func summarize(name string, ss []sample, exit int) stats {
	var wall, cpu []time.Duration
	var rss, tree []int64
	for _, s := range ss {
		wall, cpu, rss, tree = append(wall, s.Wall), append(cpu, s.CPU), append(rss, s.MaxRSS), append(tree, s.Tree)
	}
	return stats{
		Command: name, Runs: len(ss), Exit: exit,
		WallMs:  float64(median(wall).Microseconds()) / 1000,
		CPUMs:   float64(median(cpu).Microseconds()) / 1000,
		MaxRSS:  float64(median(rss)) / 1024,
		TreeRSS: float64(median(tree)) / 1024,
	}
}

// compareSquawk times `dblint migrations` against squawk on the largest
// corpus's migrations, alternating, -runs times each.
func compareSquawk(dir, dblint string, env []string, corpus string, log func(string, ...any)) *squawkResult {
	res := &squawkResult{}
	squawk := *flagSquawk
	if squawk == "auto" {
		squawk = filepath.Join(dir, "squawk", "node_modules", ".bin", "squawk")
		if _, err := os.Stat(squawk); err != nil {
			log("installing squawk-cli with npm into %s", filepath.Join(dir, "squawk"))
			os.MkdirAll(filepath.Join(dir, "squawk"), 0o755)
			cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--prefix", filepath.Join(dir, "squawk"), "squawk-cli")
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Run(); err != nil {
				res.Note = fmt.Sprintf("squawk not measured: npm install squawk-cli failed: %v", err)
				log("%s", res.Note)
				return res
			}
		}
	}
	migDir := filepath.Join(corpus, gencorpus.MigrationsDir)
	files, _ := filepath.Glob(filepath.Join(migDir, "*.sql"))
	res.Migrations = len(files) / 2
	// squawk gets every file (up and down scripts), as dblint lints both.
	rel := make([]string, len(files))
	for i, f := range files {
		rel[i] = filepath.Join(gencorpus.MigrationsDir, filepath.Base(f))
	}
	sqArgs := append([]string{squawk}, rel...)
	dbArgs := []string{dblint, "migrations", gencorpus.MigrationsDir}
	if _, _, err := measure(corpus, env, sqArgs[:2]); err != nil {
		res.Note = fmt.Sprintf("squawk not measured: it does not run: %v (its binary is downloaded at install time; offline installs fail)", err)
		log("%s", res.Note)
		return res
	}
	var d, s []sample
	var de, se int
	for run := range *flagRuns {
		for k := range 2 {
			args := dbArgs
			if (run+k)%2 == 1 {
				args = sqArgs
			}
			smp, exit, err := measure(corpus, env, args)
			if err != nil {
				res.Note = fmt.Sprintf("%s failed: %v", filepath.Base(args[0]), err)
				log("%s", res.Note)
				return res
			}
			if (run+k)%2 == 1 {
				s, se = append(s, smp), exit
			} else {
				d, de = append(d, smp), exit
			}
			log("migrations run %d: %-8s %7.2fs wall %6d MiB maxrss", run+1, filepath.Base(args[0]), smp.Wall.Seconds(), smp.MaxRSS/1024)
		}
	}
	res.Dblint = summarize("dblint migrations", d, de)
	res.Squawk = summarize("squawk", s, se)
	res.Ratio = res.Dblint.WallMs / res.Squawk.WallMs
	return res
}

func printResults(w io.Writer, r *results) {
	fmt.Fprintf(w, "dblint vs go vet: %s\nmachine: %s\nload average (start -> end): %s\n", r.When.Format(time.RFC3339), r.Machine, r.Load)
	if r.Note != "" {
		fmt.Fprintf(w, "note: %s\n", r.Note)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-7s %-7s %-24s %4s %9s %9s %11s %11s\n", "size", "scen.", "command", "runs", "wall s", "cpu s", "maxrss MiB", "tree MiB")
	for _, s := range r.Sizes {
		for _, c := range s.Commands {
			fmt.Fprintf(w, "%-7s %-7s %-24s %4d %9.2f %9.2f %11.0f %11.0f\n", s.Size, s.Scenario, c.Command, c.Runs, c.WallMs/1000, c.CPUMs/1000, c.MaxRSS, c.TreeRSS)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "ratios to go vet (medians):\n%-7s %-7s %-24s %6s %6s %7s %6s\n", "size", "scen.", "command", "wall", "cpu", "maxrss", "tree")
	for _, s := range r.Sizes {
		for _, q := range s.Ratios {
			fmt.Fprintf(w, "%-7s %-7s %-24s %6.2f %6.2f %7.2f %6.2f\n", s.Size, s.Scenario, q.Command, q.Wall, q.CPU, q.MaxRSS, q.Tree)
		}
	}
	fmt.Fprintln(w, "targets: dblint <= 1.5x go vet wall and <= 2x peak memory on medium and large")
	if q := r.Squawk; q != nil {
		fmt.Fprintln(w)
		if q.Note != "" && q.Squawk.Runs == 0 {
			fmt.Fprintf(w, "migrations: %s\n", q.Note)
		} else {
			fmt.Fprintf(w, "migrations (%d, with down scripts): dblint migrations %.2fs (%.0f MiB), squawk %.2fs (%.0f MiB): ratio %.1fx wall\n",
				q.Migrations, q.Dblint.WallMs/1000, q.Dblint.MaxRSS, q.Squawk.WallMs/1000, q.Squawk.MaxRSS, q.Ratio)
		}
	}
}

func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if f := strings.Fields(strings.SplitN(string(data), "\n", 2)[0]); len(f) >= 2 {
			if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				mem = fmt.Sprintf(", %.1f GiB RAM", float64(kb)/1024/1024)
			}
		}
	}
	out, _ := exec.Command("go", "version").Output()
	return fmt.Sprintf("%d CPUs (%s)%s, %s/%s, %s", runtime.NumCPU(), model, mem, runtime.GOOS, runtime.GOARCH, strings.TrimSpace(string(out)))
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
