// Command gencorpus writes a generated Go module that talks to PostgreSQL,
// for dblint's benchmarks (see internal/gencorpus and docs/performance.md).
//
// Usage:
//
//	gencorpus -size medium -seed 1 -o DIR
//	gencorpus -packages 50 -queries 500 -migrations 100 -o DIR
//
// DIR must not exist or be empty. With -tidy, `go mod tidy` runs in DIR
// afterwards (the module ships a go.sum, so it is only needed when the
// module cache lacks the dependencies' go.mod files).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"

	"github.com/dblint/dblint/internal/gencorpus"
)

func main() {
	size := flag.String("size", "small", "corpus size: "+strings.Join(gencorpus.SizeNames, ", "))
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same corpus")
	out := flag.String("o", "", "output directory (required; must not exist or be empty)")
	pkgs := flag.Int("packages", 0, "number of packages (overrides -size)")
	queries := flag.Int("queries", 0, "number of query sites (overrides -size)")
	migrations := flag.Int("migrations", 0, "number of migrations (overrides -size)")
	rate := flag.Float64("finding-rate", 0, "share of query sites with a seeded mistake (default 0.02; negative for none)")
	module := flag.String("module", "example.com/corpus", "module path of the generated module")
	tidy := flag.Bool("tidy", false, "run go mod tidy in the output directory")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-size small|medium|large] [-seed N] -o DIR")
		flag.PrintDefaults()
		os.Exit(2)
	}
	sz, ok := gencorpus.Sizes[*size]
	if !ok {
		fmt.Fprintf(os.Stderr, "gencorpus: unknown -size %q (want %s)\n", *size, strings.Join(gencorpus.SizeNames, ", "))
		os.Exit(2)
	}
	if *pkgs > 0 {
		sz.Packages = *pkgs
	}
	if *queries > 0 {
		sz.Queries = *queries
	}
	if *migrations > 0 {
		sz.Migrations = *migrations
	}
	if ents, err := os.ReadDir(*out); err == nil && len(ents) > 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: %s is not empty\n", *out)
		os.Exit(2)
	}
	c := gencorpus.Generate(gencorpus.Options{Size: sz, Seed: *seed, Module: *module, FindingRate: *rate})
	if err := c.Write(*out); err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		os.Exit(1)
	}
	if *tidy {
		cmd := exec.Command("go", "mod", "tidy")
		cmd.Dir, cmd.Stdout, cmd.Stderr = *out, os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "gencorpus: go mod tidy: %v\n", err)
			os.Exit(1)
		}
	}
	var seeded []string
	total := 0
	for r, n := range c.Seeded {
		seeded = append(seeded, fmt.Sprintf("%s=%d", r, n))
		total += n
	}
	sort.Strings(seeded)
	fmt.Printf("gencorpus: %s: %d packages (%d store, %d service, %d handler, %d util, 1 db), %d query sites, %d migrations, %d tables, %d seeded mistakes (%s)\n",
		*out, sz.Packages, c.Packages["store"], c.Packages["service"], c.Packages["handler"], c.Packages["util"],
		len(c.Queries), len(c.Migrations), c.Tables, total, strings.Join(seeded, " "))
}
