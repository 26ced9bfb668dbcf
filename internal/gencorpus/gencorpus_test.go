package gencorpus_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dblint/dblint/internal/gencorpus"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/load"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

func small(seed int64) gencorpus.Options {
	return gencorpus.Options{Size: gencorpus.Sizes["small"], Seed: seed}
}

func TestDeterministic(t *testing.T) {
	a, b := gencorpus.Generate(small(7)), gencorpus.Generate(small(7))
	if a.Hash() != b.Hash() {
		t.Fatalf("same seed, different corpora: %s vs %s", a.Hash(), b.Hash())
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
	if c := gencorpus.Generate(small(8)); c.Hash() == a.Hash() {
		t.Errorf("seeds 7 and 8 gave the same corpus")
	}
}

func TestSizes(t *testing.T) {
	for _, name := range gencorpus.SizeNames {
		if testing.Short() && name == "large" {
			continue
		}
		sz := gencorpus.Sizes[name]
		c := gencorpus.Generate(gencorpus.Options{Size: sz, Seed: 1})
		if len(c.Queries) != sz.Queries {
			t.Errorf("%s: %d query sites, want %d", name, len(c.Queries), sz.Queries)
		}
		if len(c.Migrations) != sz.Migrations {
			t.Errorf("%s: %d migrations, want %d", name, len(c.Migrations), sz.Migrations)
		}
		pkgs := map[string]bool{}
		for f := range c.Files {
			if strings.HasSuffix(f, ".go") {
				pkgs[filepath.Dir(f)] = true
			}
		}
		if len(pkgs) != sz.Packages {
			t.Errorf("%s: %d packages, want %d", name, len(pkgs), sz.Packages)
		}
		apis := map[string]int{}
		seeded := 0
		for _, q := range c.Queries {
			apis[q.API]++
			if q.Seeded != "" {
				seeded++
			}
		}
		if len(apis) != 4 {
			t.Errorf("%s: APIs used: %v, want all four", name, apis)
		}
		// About 2% of sites are seeded; clean code must dominate.
		if seeded == 0 || seeded > sz.Queries/20 {
			t.Errorf("%s: %d seeded query sites of %d", name, seeded, sz.Queries)
		}
	}
}

// TestConsistent checks that the migrations build a schema and that every
// clean query parses and binds to it without a problem, while the seeded
// unknown columns do not bind.
func TestConsistent(t *testing.T) {
	size := "medium"
	if testing.Short() {
		size = "small"
	}
	c := gencorpus.Generate(gencorpus.Options{Size: gencorpus.Sizes[size], Seed: 3})
	dir := t.TempDir()
	if err := c.Write(dir); err != nil {
		t.Fatal(err)
	}
	res, err := load.Load([]string{filepath.Join(dir, gencorpus.MigrationsDir)}, load.Options{NoCache: true})
	if err != nil {
		t.Fatalf("migrations do not apply: %v", err)
	}
	if n := len(res.Catalog.Tables()); n != c.Tables {
		t.Errorf("catalog has %d tables, generator planned %d", n, c.Tables)
	}
	checked := 0
	for _, q := range c.Queries {
		if q.PG == "" {
			continue
		}
		st, err := pgsql.ParseOne(q.PG)
		if err != nil {
			t.Errorf("%s.%s: %q does not parse: %v", q.Package, q.Func, q.PG, err)
			continue
		}
		b := sqlschema.Bind(res.Catalog, st.Node)
		switch q.Seeded {
		case "":
			for _, p := range b.Problems {
				t.Errorf("%s.%s: clean query %q: %s", q.Package, q.Func, q.PG, p.Message)
			}
		case "querycheck/unknown-column":
			if len(b.Problems) == 0 {
				t.Errorf("%s.%s: seeded unknown column binds: %q", q.Package, q.Func, q.PG)
			}
		}
		checked++
	}
	if checked < len(c.Queries)/2 {
		t.Errorf("only %d of %d queries checked", checked, len(c.Queries))
	}
}

// TestBuilds writes a small corpus and builds and vets it with the go
// command: the generated module must compile against the real pgx, sqlx
// and GORM.
func TestBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	if err := gencorpus.Generate(small(1)).Write(dir); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly")
		if out, err := cmd.CombinedOutput(); err != nil {
			if bytes.Contains(out, []byte("dial tcp")) || bytes.Contains(out, []byte("module lookup disabled")) {
				t.Skipf("dependencies not in the module cache and no network:\n%s", out)
			}
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

func TestDir(t *testing.T) {
	base := t.TempDir()
	d1, _, err := gencorpus.Dir(base, small(2))
	if err != nil {
		t.Fatal(err)
	}
	d2, _, err := gencorpus.Dir(base, small(2))
	if err != nil {
		t.Fatal(err)
	}
	if d1 != d2 {
		t.Errorf("Dir gave %s then %s for the same options", d1, d2)
	}
	ents, _ := os.ReadDir(base)
	if len(ents) != 1 {
		t.Errorf("%d entries under base, want 1", len(ents))
	}
}
