package sqlschema_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dblint/dblint/internal/gencorpus"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/load"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// forkCheck applies the scripts in order, each up to its first error, to
// a fork of base and to a clone of it, and fails when base changes, when
// the two disagree on an error or (after each script, or each statement
// when stepwise) on the catalog, or when Diff against base tells them
// apart. It returns whether every script applied.
func forkCheck(t *testing.T, name string, base *sqlschema.Catalog, stepwise bool, scripts ...*sqlschema.Script) bool {
	t.Helper()
	snap := base.Clone()
	fork, clone := base.Fork(), base.Clone()
	same := func(where string) bool {
		if !reflect.DeepEqual(fork.Clone(), clone.Clone()) {
			t.Errorf("%s: %s: the fork differs from the clone: %v", name, where, sqlschema.Diff(clone, fork))
			return false
		}
		return true
	}
	ok := true
scripts:
	for _, s := range scripts {
		for i := range s.Statements {
			st := &s.Statements[i]
			ef, ec := fork.Apply(st, s.File), clone.Apply(st, s.File)
			where := fmt.Sprintf("%s:%d", filepath.Base(s.File), st.Pos.Line)
			if fmt.Sprint(ef) != fmt.Sprint(ec) {
				t.Errorf("%s: %s: fork error %v, clone error %v", name, where, ef, ec)
				return false
			}
			if stepwise && !same(where) {
				return false
			}
			if ef != nil {
				ok = false
				break scripts
			}
		}
		if !stepwise && !same(filepath.Base(s.File)) {
			return false
		}
	}
	if !reflect.DeepEqual(base.Clone(), snap) {
		t.Errorf("%s: applying to the fork changed the catalog it was forked from: %v", name, sqlschema.Diff(snap, base))
	}
	if df, dc := sqlschema.Diff(base, fork), sqlschema.Diff(base, clone); !reflect.DeepEqual(df, dc) {
		t.Errorf("%s: Diff against the fork:\n%v\nagainst the clone:\n%v", name, df, dc)
	}
	return ok
}

// checkHistory folds migrations as migrationsafety does (statement by
// statement, skipping those that fail) and checks, at every step, a fork
// taken before each statement (when stepwise) and a fork taken before
// each migration that applies its up then its down script, as the down
// check does.
func checkHistory(t *testing.T, name string, migs []*sqlschema.Migration, stepwise bool) {
	t.Helper()
	cat := sqlschema.New()
	for _, m := range migs {
		if m.Up == nil {
			continue
		}
		before := cat.Clone()
		for i := range m.Up.Statements {
			st := &m.Up.Statements[i]
			if stepwise {
				one := &sqlschema.Script{File: m.Up.File, Statements: []pgsql.Statement{*st}}
				forkCheck(t, name, cat, true, one)
			}
			_ = cat.Apply(st, m.Up.File)
		}
		scripts := []*sqlschema.Script{m.Up}
		if m.Down != nil {
			scripts = append(scripts, m.Down)
		}
		forkCheck(t, name, before, stepwise, scripts...)
	}
}

// TestForkMatchesClone checks that applying DDL to a fork leaves the
// forked catalog as it was and gives what applying it to a clone gives,
// over every statement of the fold's golden files, of migrationsafety's
// cases and of generated histories.
func TestForkMatchesClone(t *testing.T) {
	files, err := filepath.Glob("testdata/apply/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		if i := strings.Index(src, "\n=== "); i >= 0 {
			src = src[:i+1]
		}
		if strings.HasPrefix(src, "=== ") {
			continue
		}
		res, err := pgsql.Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		// The whole file on one fork, then each statement on a fork of
		// the catalog before it.
		script := &sqlschema.Script{File: file, Src: src, Statements: res.Statements}
		forkCheck(t, file, sqlschema.New(), true, script)
		cat := sqlschema.New()
		for i := range res.Statements {
			one := &sqlschema.Script{File: file, Src: src, Statements: res.Statements[i : i+1]}
			if !forkCheck(t, file, cat, true, one) {
				break // the golden file's error: the rest is not applied
			}
			if err := cat.Apply(&res.Statements[i], file); err != nil {
				break
			}
		}
	}

	dirs, err := filepath.Glob(filepath.Join("..", "analyzers", "migrationsafety", "testdata", "cases", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no migrationsafety cases: %v", err)
	}
	for _, dir := range dirs {
		migs, err := load.Dir(dir)
		if err != nil {
			continue // a case of a load error
		}
		checkHistory(t, filepath.Base(dir), migs, true)
	}

	for seed := int64(1); seed <= 3; seed++ {
		checkHistory(t, fmt.Sprintf("small seed %d", seed), genHistory(t, "small", seed), seed == 1)
	}
	if !testing.Short() {
		checkHistory(t, "medium", genHistory(t, "medium", 1), false)
	}
}

// genHistory parses the migrations of a generated corpus.
func genHistory(t *testing.T, size string, seed int64) []*sqlschema.Migration {
	c := gencorpus.Generate(gencorpus.Options{Size: gencorpus.Sizes[size], Seed: seed})
	var out []*sqlschema.Migration
	for _, m := range c.Migrations {
		mig := &sqlschema.Migration{Version: fmt.Sprint(m.Version), Name: m.Name, Format: "golang-migrate"}
		for _, s := range []struct {
			dir string
			src string
			to  **sqlschema.Script
		}{{"up", m.Up, &mig.Up}, {"down", m.Down, &mig.Down}} {
			res, err := pgsql.Parse(s.src)
			if err != nil {
				t.Fatalf("%s: %v", m.FileName(s.dir), err)
			}
			*s.to = &sqlschema.Script{File: m.FileName(s.dir), Src: s.src, Statements: res.Statements}
		}
		out = append(out, mig)
	}
	return out
}

// TestForkShares checks that a fork copies only what a statement reaches
// and that Diff finds what changed.
func TestForkShares(t *testing.T) {
	base := sqlschema.New()
	if err := base.ApplySQL("base.sql", `
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE customers (id bigint PRIMARY KEY, mood mood);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
CREATE INDEX notes_body_idx ON notes (body);
CREATE VIEW note_bodies AS SELECT body FROM notes;
`); err != nil {
		t.Fatal(err)
	}
	pub := base.Schemas["public"]
	fork := base.Fork()
	if d := sqlschema.Diff(base, fork); len(d) != 0 {
		t.Fatalf("Diff(base, fork) = %v, want none", d)
	}
	shared := func(what string, want bool) {
		t.Helper()
		fp := fork.Schemas["public"]
		var got bool
		switch {
		case fp.Tables[what] != nil:
			got = fp.Tables[what] == pub.Tables[what]
		case fp.Views[what] != nil:
			got = fp.Views[what] == pub.Views[what]
		case fp.Enums[what] != nil:
			got = fp.Enums[what] == pub.Enums[what]
		default:
			t.Fatalf("%s is gone", what)
		}
		if got != want {
			t.Errorf("%s shared: %v, want %v", what, got, want)
		}
	}
	if err := fork.ApplySQL("up.sql", `ALTER TABLE notes ADD COLUMN title text;`); err != nil {
		t.Fatal(err)
	}
	shared("notes", false)
	shared("customers", true)
	shared("orders", true)
	shared("note_bodies", true)
	shared("mood", true)
	// Dropping customers with CASCADE changes orders, which it does not
	// name.
	if err := fork.ApplySQL("up.sql", `DROP TABLE customers CASCADE; ALTER TYPE mood ADD VALUE 'angry';`); err != nil {
		t.Fatal(err)
	}
	shared("orders", false)
	shared("mood", false)
	shared("note_bodies", true)
	var got []string
	for _, d := range sqlschema.Diff(base, fork) {
		got = append(got, d.Kind+" "+d.Object+" "+d.Name)
	}
	want := []string{
		"changed enum public.mood",
		"missing table public.customers",
		"extra column public.notes.title",
		"missing constraint public.orders.orders_customer_id_fkey",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff(base, fork):\n got %q\nwant %q", got, want)
	}
	if len(base.Tables()) != 3 || base.Table("", "notes").Column("title") != nil || len(base.Enum("", "mood").Values) != 2 ||
		len(base.Table("", "orders").ForeignKeys()) != 1 {
		t.Errorf("the fork changed the catalog it was forked from")
	}
}

// TestForkEdges checks forks on what the corpora do not exercise.
func TestForkEdges(t *testing.T) {
	for _, tc := range []struct {
		name, base, sql string
		tweak           func(*sqlschema.Catalog)
	}{
		{
			// CREATE SCHEMA's elements may reach existing tables.
			name: "schema elements",
			base: `CREATE TABLE t (x int);`,
			sql:  `CREATE SCHEMA s CREATE INDEX t_x_idx ON public.t (x);`,
		},
		{
			// A table whose PartitionOf names a table that does not
			// exist gets the constraints of a new table of that name.
			name: "stale partition",
			base: `CREATE TABLE orphan (id int); CREATE TABLE orphan_sub (id int);`,
			tweak: func(c *sqlschema.Catalog) {
				c.Table("", "orphan").PartitionOf = "ghost"
				c.Table("", "orphan_sub").PartitionOf = "orphan"
			},
			sql: `CREATE TABLE ghost (id int PRIMARY KEY, CHECK (id > 0)) PARTITION BY RANGE (id);`,
		},
		{
			name:  "stale temporary partition",
			base:  `CREATE TABLE orphan (id int);`,
			tweak: func(c *sqlschema.Catalog) { c.Table("", "orphan").PartitionOf = "pg_temp.ghost" },
			sql:   `CREATE TEMP TABLE ghost (id int PRIMARY KEY) PARTITION BY RANGE (id);`,
		},
		{
			// Unqualified names found along a search_path that is not
			// the default.
			name: "search path",
			base: `CREATE SCHEMA s; CREATE TABLE s.p (id int PRIMARY KEY); CREATE TABLE s.c (id int, p_id int REFERENCES s.p (id)); CREATE TABLE p (id int PRIMARY KEY);`,
			sql:  `SET search_path = s, public; ALTER TABLE p DROP COLUMN id CASCADE; ALTER TABLE p ADD COLUMN id int PRIMARY KEY;`,
		},
		{
			// A temporary table shadows a permanent one.
			name: "temporary",
			base: `CREATE TABLE orders (id int PRIMARY KEY); CREATE TABLE lines (order_id int REFERENCES orders (id));`,
			sql:  `CREATE TEMP TABLE orders (id int); ALTER TABLE orders ADD COLUMN x int; DROP TABLE orders; ALTER TABLE orders RENAME TO orders2;`,
		},
		{
			// A renamed table is changed again under its new name, and
			// a view over it follows it.
			name: "rename then alter",
			base: `CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a (id)); CREATE VIEW v AS SELECT id FROM a;`,
			sql:  `ALTER TABLE a RENAME TO a2; ALTER TABLE a2 RENAME COLUMN id TO a_id; ALTER TABLE a2 RENAME TO a; DROP TABLE a CASCADE;`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := sqlschema.New()
			if err := base.ApplySQL("base.sql", tc.base); err != nil {
				t.Fatal(err)
			}
			if tc.tweak != nil {
				tc.tweak(base)
			}
			res, err := pgsql.Parse(tc.sql)
			if err != nil {
				t.Fatal(err)
			}
			script := &sqlschema.Script{File: "edge.sql", Src: tc.sql, Statements: res.Statements}
			if !forkCheck(t, tc.name, base, true, script) {
				t.Errorf("%s does not apply", tc.sql)
			}
			for i := range res.Statements {
				forkCheck(t, tc.name, base, true, &sqlschema.Script{File: "edge.sql", Src: tc.sql, Statements: res.Statements[i : i+1]})
				_ = base.Apply(&res.Statements[i], "edge.sql")
			}
		})
	}
}

// TestForkKnowsFoldStatements keeps prepare in step with the fold: every
// statement applier.stmt applies has a footprint in prepare or is one
// that only creates objects or changes settings. A statement the fold
// learns to apply must be added to one or the other.
func TestForkKnowsFoldStatements(t *testing.T) {
	cases := func(file, fn string) map[string]bool {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != fn || fd.Recv == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if sw, ok := n.(*ast.TypeSwitchStmt); ok {
					for _, c := range sw.Body.List {
						for _, e := range c.(*ast.CaseClause).List {
							if star, ok := e.(*ast.StarExpr); ok {
								if sel, ok := star.X.(*ast.SelectorExpr); ok {
									out[sel.Sel.Name] = true
								}
							}
						}
					}
					return false // the top switch only
				}
				return true
			})
		}
		if len(out) == 0 {
			t.Fatalf("no cases found in %s %s", file, fn)
		}
		return out
	}
	fold, prepared := cases("apply.go", "stmt"), cases("fork.go", "prepare")
	// Statements that change no existing object: they create objects or
	// change the fork's own settings.
	creating := map[string]bool{
		"Node_ViewStmt": true, "Node_CreateTableAsStmt": true, "Node_SelectStmt": true,
		"Node_CreateEnumStmt": true, "Node_CreateDomainStmt": true, "Node_CompositeTypeStmt": true,
		"Node_CreateRangeStmt": true, "Node_DefineStmt": true, "Node_CreateExtensionStmt": true,
		"Node_VariableSetStmt": true,
	}
	for n := range fold {
		if !prepared[n] && !creating[n] {
			t.Errorf("applier.stmt applies %s, which forkState.prepare does not know: give it a footprint or list it here", n)
		}
	}
}
