package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// analyzeArgs runs the analysis on args, first mapping trailing .go file
// arguments to the packages that hold them: `dblint [flags] a/x.go b/y.go`
// analyzes ./a and ./b. This is what the pre-commit hook passes (file
// names, from any number of directories), and what the go command cannot
// take (named files must all be in one directory, and become an ad-hoc
// package without its siblings).
//
// Files the go command would not build as part of a module are skipped:
// those under testdata/ or a directory starting with "." or "_". Files of
// a nested module (its own go.mod, like examples/shop here) are analyzed
// in that module, with paths relative to its root (a "# dir" line on
// stderr says which). With every file
// skipped there is nothing to analyze: exit 0.
func analyzeArgs(args []string) int {
	flags, files := splitFileArgs(args)
	if len(files) == 0 {
		return runAnalyze(args)
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	groups := packagesOfFiles(wd, files)
	status := 0
	for _, g := range groups {
		st := func() int {
			if g.root != wd {
				// Like go vet's "# package" lines: say where the paths
				// that follow are relative to.
				if rel, err := filepath.Rel(wd, g.root); err == nil {
					fmt.Fprintf(os.Stderr, "# %s\n", filepath.ToSlash(rel))
				}
				if err := os.Chdir(g.root); err != nil {
					fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
					return 2
				}
				defer os.Chdir(wd)
			}
			return runAnalyze(append(append([]string(nil), flags...), g.patterns...))
		}()
		status = max(status, st)
	}
	return status
}

// splitFileArgs splits args into the leading flags and packages and the
// trailing run of existing .go files.
func splitFileArgs(args []string) (rest, files []string) {
	i := len(args)
	for i > 0 {
		a := args[i-1]
		if !strings.HasSuffix(a, ".go") || strings.HasPrefix(a, "-") {
			break
		}
		if st, err := os.Stat(a); err != nil || !st.Mode().IsRegular() {
			break
		}
		i--
	}
	return args[:i], args[i:]
}

// moduleGroup is the packages to analyze in one module.
type moduleGroup struct {
	root     string   // the module root: where to run
	patterns []string // ./dir patterns relative to root, deduplicated
}

// packagesOfFiles maps file names (relative to wd or absolute) to package
// patterns grouped by module, in the order the files came.
func packagesOfFiles(wd string, files []string) []moduleGroup {
	var groups []moduleGroup
	index := map[string]int{}
	seen := map[string]bool{}
	wdRoot := findModuleRoot(wd)
	for _, f := range files {
		if !filepath.IsAbs(f) {
			f = filepath.Join(wd, f)
		}
		dir := filepath.Dir(f)
		root := findModuleRoot(dir)
		if root == "" || ignoredByGo(root, dir) || (isWithin(wd, dir) && ignoredByGo(wd, dir)) {
			// testdata/ of the working directory's module holds fixtures,
			// even when a fixture is a module of its own.
			continue
		}
		// In the working directory's own module, patterns stay relative to
		// wd (it may be below the module root) so output paths do too.
		base := root
		if root == wdRoot {
			base = wd
		}
		rel, err := filepath.Rel(base, dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			// Above the working directory but in its module: go by the root.
			base = root
			rel, _ = filepath.Rel(root, dir)
		}
		pattern := "./" + filepath.ToSlash(rel)
		if rel == "." {
			pattern = "."
		}
		if seen[base+"\x00"+pattern] {
			continue
		}
		seen[base+"\x00"+pattern] = true
		i, ok := index[base]
		if !ok {
			i = len(groups)
			index[base] = i
			groups = append(groups, moduleGroup{root: base})
		}
		groups[i].patterns = append(groups[i].patterns, pattern)
	}
	return groups
}

// isWithin reports whether path is dir or below it.
func isWithin(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// ignoredByGo reports whether the go command ignores dir within the
// module at root: a testdata directory or one starting with "." or "_".
func ignoredByGo(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return true
	}
	if rel == "." {
		return false
	}
	for _, elem := range strings.Split(filepath.ToSlash(rel), "/") {
		if elem == "testdata" || strings.HasPrefix(elem, ".") || strings.HasPrefix(elem, "_") {
			return true
		}
	}
	return false
}
