package sqlschema

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/apply golden files")

// TestApplyGolden runs the cases in testdata/apply: each file is SQL, then
// optionally "=== error" with the expected error, then "=== want" with
// dumpCatalog's rendering of the catalog after applying it. The expected
// dumps were checked against PostgreSQL 15 (same tables, columns, types,
// nullability, defaults, index names/keys/uniqueness/methods and foreign
// keys); run with -update to rewrite them after an intended change.
func TestApplyGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/apply/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sql, wantErr, wantDump := splitGolden(string(data))
			c := New()
			gotErr := ""
			if err := c.ApplySQL(filepath.Base(file), sql); err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error is %T, not *Error: %v", err, err)
				}
				gotErr = fmt.Sprintf("%s [%s]", e.Error(), e.SQLState)
			}
			gotDump := dumpCatalog(c)
			if *updateGolden {
				out := sql
				if gotErr != "" {
					out += "=== error\n" + gotErr + "\n"
				}
				out += "=== want\n" + gotDump
				if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if gotErr != wantErr {
				t.Errorf("error:\n got: %s\nwant: %s", gotErr, wantErr)
			}
			if gotDump != wantDump {
				t.Errorf("catalog:\n%s", lineDiffs(wantDump, gotDump))
			}
		})
	}
}

// splitGolden splits a golden file into its SQL, error and dump parts.
func splitGolden(s string) (sql, errText, dump string) {
	sql = s
	if i := strings.Index(s, "=== "); i >= 0 && (i == 0 || s[i-1] == '\n') {
		sql = s[:i]
		rest := s[i:]
		for _, sec := range strings.Split(rest, "=== ")[1:] {
			switch {
			case strings.HasPrefix(sec, "error\n"):
				errText = strings.TrimSpace(strings.TrimPrefix(sec, "error\n"))
			case strings.HasPrefix(sec, "want\n"):
				dump = strings.TrimPrefix(sec, "want\n")
			}
		}
	}
	return sql, errText, dump
}

// lineDiffs shows the lines only in want (-) or only in got (+).
func lineDiffs(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	in := func(l []string, s string) bool {
		for _, x := range l {
			if x == s {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for _, l := range wl {
		if !in(gl, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range gl {
		if !in(wl, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	if b.Len() == 0 {
		return "(same lines, different order)\n--- want\n" + want + "--- got\n" + got
	}
	return b.String()
}

// mustApply applies src to a new catalog.
func mustApply(t *testing.T, src string) *Catalog {
	t.Helper()
	c := New()
	if err := c.ApplySQL("test.sql", src); err != nil {
		t.Fatalf("apply: %v", err)
	}
	return c
}

// TestApplyStatements checks one statement kind at a time against a
// compact rendering of the table it touches.
func TestApplyStatements(t *testing.T) {
	const base = "CREATE TABLE t (id int PRIMARY KEY, a text, b int);\n"
	tests := []struct {
		name, ddl, table, want string
	}{
		{"create table if not exists keeps the first", "CREATE TABLE IF NOT EXISTS t (x int);", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"add column with default", "ALTER TABLE t ADD COLUMN c timestamptz NOT NULL DEFAULT now();", "t",
			"col id int4 not null|col a text|col b int4|col c timestamptz not null default now()|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"add column if not exists is a no-op", "ALTER TABLE t ADD COLUMN IF NOT EXISTS a int;", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"drop column drops its index", "CREATE INDEX t_a_b ON t (a, b); ALTER TABLE t DROP COLUMN b;", "t",
			"col id int4 not null|col a text|index t_pkey primary unique btree (id)|pk t_pkey (id)|gone b dropped"},
		{"drop column if exists", "ALTER TABLE t DROP COLUMN IF EXISTS nope;", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"alter type with using", "ALTER TABLE t ALTER COLUMN b TYPE bigint USING b::bigint;", "t",
			"col id int4 not null|col a text|col b int8|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"set and drop default", "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x', ALTER COLUMN b SET DEFAULT 1; ALTER TABLE t ALTER COLUMN b DROP DEFAULT;", "t",
			"col id int4 not null|col a text default 'x'::text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"set and drop not null", "ALTER TABLE t ALTER COLUMN a SET NOT NULL;", "t",
			"col id int4 not null|col a text not null|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"unique constraint names its index", "ALTER TABLE t ADD UNIQUE (a, b);", "t",
			"col id int4 not null|col a text|col b int4|index t_a_b_key unique btree (a, b)|index t_pkey primary unique btree (id)|unique t_a_b_key (a, b)|pk t_pkey (id)"},
		{"check not valid then validate", "ALTER TABLE t ADD CONSTRAINT pos CHECK (b > 0) NOT VALID;", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|check pos (b > 0) not valid|pk t_pkey (id)"},
		{"validate", "ALTER TABLE t ADD CONSTRAINT pos CHECK (b > 0) NOT VALID; ALTER TABLE t VALIDATE CONSTRAINT pos;", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|check pos (b > 0)|pk t_pkey (id)"},
		{"drop constraint drops its index", "ALTER TABLE t DROP CONSTRAINT t_pkey;", "t",
			"col id int4 not null|col a text|col b int4"},
		{"drop constraint if exists", "ALTER TABLE t DROP CONSTRAINT IF EXISTS nope;", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"rename column updates index keys", "CREATE INDEX ON t (lower(a)) WHERE a <> ''; ALTER TABLE t RENAME COLUMN a TO name;", "t",
			"col id int4 not null|col name text|col b int4|index t_lower_idx btree ((lower(name))) where name <> ''|index t_pkey primary unique btree (id)|pk t_pkey (id)|gone a renamed to name"},
		{"rename constraint renames its index", "ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_pk;", "t",
			"col id int4 not null|col a text|col b int4|index t_pk primary unique btree (id)|pk t_pk (id)"},
		{"alter index rename renames its constraint", "ALTER INDEX t_pkey RENAME TO t_pk;", "t",
			"col id int4 not null|col a text|col b int4|index t_pk primary unique btree (id)|pk t_pk (id)"},
		{"primary key using index", "ALTER TABLE t DROP CONSTRAINT t_pkey; CREATE UNIQUE INDEX CONCURRENTLY t_b_idx ON t (b); ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_b_idx;", "t",
			"col id int4 not null|col a text|col b int4 not null|index t_pkey primary unique btree (b)|pk t_pkey (b)"},
		{"identity", "ALTER TABLE t ALTER COLUMN b SET NOT NULL, ALTER COLUMN b ADD GENERATED BY DEFAULT AS IDENTITY;", "t",
			"col id int4 not null|col a text|col b int4 not null identity by default|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"no-op subcommands", "ALTER TABLE t OWNER TO x, SET (fillfactor = 50), ALTER COLUMN a SET STATISTICS 10, SET TABLESPACE pg_default;", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"only does not matter without partitions", "ALTER TABLE ONLY t ADD COLUMN c int;", "t",
			"col id int4 not null|col a text|col b int4|col c int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"set logged", "ALTER TABLE t SET UNLOGGED;", "t",
			"unlogged|col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"drop index concurrently if exists", "CREATE INDEX i ON t (a); DROP INDEX CONCURRENTLY IF EXISTS i, nope;", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"index method, desc, opclass, include, predicate", "CREATE INDEX ON t USING btree (a text_pattern_ops DESC, b NULLS FIRST) INCLUDE (id) WHERE b > 0;", "t",
			"col id int4 not null|col a text|col b int4|index t_a_b_id_idx btree (a text_pattern_ops desc, b nulls first) include (id) where b > 0|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"generated names avoid collisions", "CREATE INDEX ON t (a); CREATE INDEX ON t (a); CREATE INDEX ON t ((a || 'x'));", "t",
			"col id int4 not null|col a text|col b int4|index t_a_idx btree (a)|index t_a_idx1 btree (a)|index t_expr_idx btree ((a || 'x'))|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
		{"reindex, cluster and comments are no-ops", "REINDEX TABLE t; COMMENT ON TABLE t IS 'x'; GRANT SELECT ON t TO PUBLIC; ANALYZE t;", "t",
			"col id int4 not null|col a text|col b int4|index t_pkey primary unique btree (id)|pk t_pkey (id)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustApply(t, base+tt.ddl)
			tbl := c.Table("", tt.table)
			if tbl == nil {
				t.Fatalf("table %s missing", tt.table)
			}
			var b strings.Builder
			dumpTable(&b, tbl)
			lines := strings.Split(strings.TrimSpace(b.String()), "\n")
			head := strings.TrimPrefix(lines[0], "table public."+tt.table)
			var parts []string
			if head = strings.TrimSpace(head); head != "" {
				parts = append(parts, head)
			}
			for _, l := range lines[1:] {
				parts = append(parts, strings.TrimSpace(l))
			}
			if got := strings.Join(parts, "|"); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestApplyErrors checks PostgreSQL's messages, SQLSTATEs and the
// statement positions.
func TestApplyErrors(t *testing.T) {
	const base = "CREATE TABLE t (id int PRIMARY KEY, a text);\nCREATE TYPE mood AS ENUM ('a', 'b');\n"
	tests := []struct {
		ddl, want string
	}{
		{"ALTER TABLE orders ADD COLUMN x int;", `f.sql:3:1: relation "orders" does not exist [42P01]`},
		{"ALTER TABLE public.orders ADD COLUMN x int;", `f.sql:3:1: relation "public.orders" does not exist [42P01]`},
		{"  ALTER TABLE t DROP COLUMN x;", `f.sql:3:3: column "x" of relation "t" does not exist [42703]`},
		{"CREATE TABLE t (x int);", `f.sql:3:1: relation "t" already exists [42P07]`},
		{"ALTER TABLE t ADD COLUMN a int;", `f.sql:3:1: column "a" of relation "t" already exists [42701]`},
		{"CREATE TABLE s.x (id int);", `f.sql:3:1: schema "s" does not exist [3F000]`},
		{"CREATE TABLE x (m moods);", `f.sql:3:1: type "moods" does not exist [42704]`},
		{"DROP INDEX nope;", `f.sql:3:1: index "nope" does not exist [42704]`},
		{"ALTER TABLE t DROP CONSTRAINT nope;", `f.sql:3:1: constraint "nope" of relation "t" does not exist [42704]`},
		{"DROP TABLE nope;", `f.sql:3:1: table "nope" does not exist [42P01]`},
		{"DROP TYPE nope;", `f.sql:3:1: type "nope" does not exist [42704]`},
		{"DROP SCHEMA nope;", `f.sql:3:1: schema "nope" does not exist [3F000]`},
		{"CREATE TABLE c (t_id int REFERENCES t);\nDROP TABLE t;", `f.sql:4:1: cannot drop table t because other objects depend on it [2BP01]`},
		{"ALTER TABLE t RENAME COLUMN nope TO x;", `f.sql:3:1: column "nope" does not exist [42703]`},
		{"ALTER TABLE t RENAME CONSTRAINT nope TO x;", `f.sql:3:1: constraint "nope" for table "t" does not exist [42704]`},
		{"CREATE INDEX ON t (nope);", `f.sql:3:1: column "nope" does not exist [42703]`},
		{"CREATE INDEX t_pkey ON t (a);", `f.sql:3:1: relation "t_pkey" already exists [42P07]`},
		{"DROP INDEX t_pkey;", `f.sql:3:1: cannot drop index t_pkey because constraint t_pkey on table t requires it [2BP01]`},
		{"ALTER TABLE t ADD PRIMARY KEY (a);", `f.sql:3:1: multiple primary keys for table "t" are not allowed [42P16]`},
		{"CREATE TABLE c (a int REFERENCES t (a));", `f.sql:3:1: there is no unique constraint matching given keys for referenced table "t" [42830]`},
		{"CREATE TABLE p (x int);\nCREATE TABLE c (a int REFERENCES p);", `f.sql:4:1: there is no primary key for referenced table "p" [42830]`},
		{"CREATE TABLE c (a int, FOREIGN KEY (b) REFERENCES t);", `f.sql:3:1: column "b" referenced in foreign key constraint does not exist [42703]`},
		{"ALTER TYPE mood ADD VALUE 'a';", `f.sql:3:1: enum label "a" already exists [42710]`},
		{"ALTER TYPE mood ADD VALUE 'c' AFTER 'z';", `f.sql:3:1: "z" is not an existing enum label [22023]`},
		{"ALTER TYPE mood RENAME VALUE 'z' TO 'y';", `f.sql:3:1: "z" is not an existing enum label [22023]`},
		{"CREATE TYPE mood AS ENUM ('x');", `f.sql:3:1: type "mood" already exists [42710]`},
		{"CREATE TABLE x (a int, a text);", `f.sql:3:1: column "a" specified more than once [42701]`},
		{"CREATE TABLE x (a int, PRIMARY KEY (b));", `f.sql:3:1: column "b" named in key does not exist [42703]`},
		{"ALTER TABLE t ALTER COLUMN id DROP NOT NULL;", `f.sql:3:1: column "id" is in a primary key [42P16]`},
		{"CREATE TABLE c (m mood);\nDROP TYPE mood;", `f.sql:4:1: cannot drop type mood because other objects depend on it [2BP01]`},
		{"ALTER TABLE t ADD CONSTRAINT t_pkey UNIQUE (a);", `f.sql:3:1: constraint "t_pkey" for relation "t" already exists [42710]`},
		{"SELECT 1;\nCREATE TABLE", `f.sql:4:13: syntax error at end of input [42601]`},
		{"DROP VIEW t;", `f.sql:3:1: "t" is not a view [42809]`},
		{"CREATE SCHEMA s;\nCREATE SCHEMA s;", `f.sql:4:1: schema "s" already exists [42P06]`},
	}
	for _, tt := range tests {
		t.Run(tt.ddl, func(t *testing.T) {
			c := New()
			err := c.ApplySQL("f.sql", base+tt.ddl)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want *Error", err, err)
			}
			if got := fmt.Sprintf("%s [%s]", e.Error(), e.SQLState); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestApplyIfExistsAndSkipped(t *testing.T) {
	c := mustApply(t, `
		DROP TABLE IF EXISTS nope;
		DROP VIEW IF EXISTS nope;
		DROP INDEX IF EXISTS nope;
		DROP TYPE IF EXISTS nope;
		DROP SCHEMA IF EXISTS nope;
		ALTER TABLE IF EXISTS nope ADD COLUMN x int;
		ALTER TABLE IF EXISTS nope RENAME TO x;
		CREATE EXTENSION IF NOT EXISTS citext;
		CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
		CREATE SEQUENCE s;
		ALTER SEQUENCE s RESTART;
		CREATE TABLE t (e citext);
		CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
		CREATE POLICY pol ON t USING (true);
		ALTER TABLE t OWNER TO nobody;
		ALTER TABLE no_such_sequence OWNER TO nobody;
		DO $$ BEGIN END $$;
		INSERT INTO t VALUES ('x'); UPDATE t SET e = 'y'; DELETE FROM t; SELECT * FROM t;
		BEGIN; SET lock_timeout = '1s'; COMMIT; VACUUM t; ANALYZE t;
		REVOKE ALL ON t FROM PUBLIC;
	`)
	if !c.Extensions["citext"] {
		t.Error("extension not recorded")
	}
	if col := c.Table("", "t").Column("e"); col == nil || col.Type != "citext" {
		t.Errorf("column e = %+v", col)
	}
}

func TestApplySources(t *testing.T) {
	c := New()
	src := "CREATE TABLE t (id int);\n\n  CREATE INDEX i ON t (id);\nALTER TABLE t ADD COLUMN x int;\n"
	if err := c.ApplySQL("m/001.sql", src); err != nil {
		t.Fatal(err)
	}
	tb := c.Table("", "t")
	if got := tb.Source; got != (Source{File: "m/001.sql", Line: 1, Column: 1}) {
		t.Errorf("table source = %+v", got)
	}
	if got := tb.Index("i").Source; got != (Source{File: "m/001.sql", Line: 3, Column: 3}) {
		t.Errorf("index source = %+v", got)
	}
	if got := tb.Column("x").Source; got != (Source{File: "m/001.sql", Line: 4, Column: 1}) {
		t.Errorf("column source = %+v", got)
	}
}

func TestApplyTombstones(t *testing.T) {
	c := mustApply(t, `
CREATE TABLE a (id int, x int, y int);
CREATE TABLE b (id int);
CREATE VIEW v AS SELECT id FROM b;
ALTER TABLE a RENAME COLUMN x TO xx;
ALTER TABLE a DROP COLUMN y;
ALTER TABLE a RENAME TO a2;
DROP VIEW v;
DROP TABLE b;
`)
	if ts := c.Dropped("", "a"); ts == nil || ts.RenamedTo != "a2" || ts.Kind != "table" || ts.By.Line != 7 {
		t.Errorf("a: %+v", ts)
	}
	if ts := c.Dropped("", "b"); ts == nil || ts.RenamedTo != "" || ts.Describe() != "dropped by test.sql:9" {
		t.Errorf("b: %+v", ts)
	}
	if ts := c.Dropped("", "v"); ts == nil || ts.Kind != "view" {
		t.Errorf("v: %+v", ts)
	}
	a2 := c.Table("", "a2")
	if ts := a2.DroppedColumn("x"); ts == nil || ts.RenamedTo != "xx" {
		t.Errorf("x: %+v", ts)
	}
	if ts := a2.DroppedColumn("y"); ts == nil || ts.RenamedTo != "" || ts.Kind != "column" {
		t.Errorf("y: %+v", ts)
	}
	// Re-creating a name removes its tombstone.
	if err := c.ApplySQL("next.sql", "CREATE TABLE b (id int); ALTER TABLE a2 ADD COLUMN y text;"); err != nil {
		t.Fatal(err)
	}
	if c.Schemas["public"].Dropped["b"] != nil || a2.DroppedColumns["y"] != nil {
		t.Error("tombstones not cleared")
	}
}

func TestApplyRenameUpdatesForeignKeys(t *testing.T) {
	c := mustApply(t, `
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (p_id int REFERENCES p);
ALTER TABLE p RENAME COLUMN id TO pid;
ALTER TABLE p RENAME TO parent;
CREATE SCHEMA s;
ALTER TABLE parent SET SCHEMA s;
`)
	fk := c.Table("", "c").ForeignKeys()
	if len(fk) != 1 || fk[0].RefSchema != "s" || fk[0].RefTable != "parent" || fk[0].RefColumns[0] != "pid" {
		t.Fatalf("fk = %+v", fk[0])
	}
	if ts := c.Dropped("", "parent"); ts == nil || ts.RenamedTo != "s.parent" {
		t.Errorf("tombstone = %+v", ts)
	}
}

func TestApplyDropCascade(t *testing.T) {
	c := mustApply(t, `
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int, p_id int REFERENCES p);
CREATE VIEW v AS SELECT * FROM p;
DROP TABLE p CASCADE;
CREATE VIEW v AS SELECT 1 AS one;
`)
	if fks := c.Table("", "c").ForeignKeys(); len(fks) != 0 {
		t.Errorf("fks = %+v", fks)
	}
	if v := c.View("", "v"); v == nil || len(v.Columns) != 1 || v.Columns[0].Name != "one" {
		t.Errorf("view = %+v", v)
	}
}

func TestApplySearchPath(t *testing.T) {
	c := mustApply(t, `
CREATE SCHEMA app;
SET search_path TO app, public;
CREATE TABLE t (id int);
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.u (id int);
`)
	if c.Table("app", "t") == nil || c.Table("public", "u") == nil {
		t.Fatal("tables not where expected")
	}
	if len(c.SearchPath) != 0 {
		t.Errorf("search_path = %q", c.SearchPath)
	}
	err := c.ApplySQL("x.sql", "CREATE TABLE v (id int);")
	var e *Error
	if !errors.As(err, &e) || e.Message != "no schema has been selected to create in" {
		t.Errorf("err = %v", err)
	}
	if err := c.ApplySQL("x.sql", "RESET search_path; CREATE TABLE v (id int);"); err != nil || c.Table("", "v") == nil {
		t.Errorf("reset: %v", err)
	}
}

func TestApplyTempTablesEndWithScript(t *testing.T) {
	c := mustApply(t, "CREATE TEMP TABLE tmp (id int); ALTER TABLE tmp ADD COLUMN x int; CREATE TABLE keep (id int);")
	if c.Schemas[tempSchema] != nil {
		t.Error("temporary schema survived the script")
	}
	if c.Table("", "keep") == nil {
		t.Error("persistent table missing")
	}
}

func TestApplyScript(t *testing.T) {
	res, err := pgsql.Parse("CREATE TABLE a (id int);\nCREATE TABLE b (a_id int REFERENCES a (nope));\n")
	if err != nil {
		t.Fatal(err)
	}
	c := New()
	err = c.ApplyScript(&Script{File: "up.sql", Statements: res.Statements})
	var e *Error
	if !errors.As(err, &e) || e.File != "up.sql" || e.Line != 2 || e.Column != 1 || e.SQLState != UndefinedColumn {
		t.Fatalf("err = %#v", err)
	}
	if c.Table("", "a") == nil {
		t.Error("first statement not applied")
	}
	if c.Table("", "b") != nil {
		t.Error("failed CREATE TABLE left a table behind")
	}
}

func TestApplyZeroCatalog(t *testing.T) {
	var c Catalog
	if err := c.ApplySQL("z.sql", "CREATE TABLE t (id int)"); err != nil {
		t.Fatal(err)
	}
	if c.Table("", "t") == nil {
		t.Error("table missing")
	}
	if err := c.Apply(nil, "x"); err != nil {
		t.Error(err)
	}
}

// TestApplyDownUndoesUp is the use Clone is made for: keep the schema,
// apply up then down, compare.
func TestApplyDownUndoesUp(t *testing.T) {
	c := mustApply(t, "CREATE TABLE t (id int PRIMARY KEY, a text);")
	before := dumpCatalog(c)
	work := c.Clone()
	if err := work.ApplySQL("up.sql", "ALTER TABLE t ADD COLUMN b int NOT NULL DEFAULT 0; CREATE INDEX t_b ON t (b);"); err != nil {
		t.Fatal(err)
	}
	if dumpCatalog(c) != before {
		t.Fatal("applying to the clone changed the original")
	}
	if err := work.ApplySQL("down.sql", "DROP INDEX t_b; ALTER TABLE t DROP COLUMN b;"); err != nil {
		t.Fatal(err)
	}
	got := dumpCatalog(work)
	// The down script leaves a tombstone for b; everything else matches.
	got = strings.Replace(got, "  gone b dropped\n", "", 1)
	if got != before {
		t.Errorf("down does not undo up:\n%s", lineDiffs(before, got))
	}
}

func TestClone(t *testing.T) {
	c := mustApply(t, `
CREATE SCHEMA s;
CREATE TYPE s.m AS ENUM ('a');
CREATE DOMAIN d AS text CHECK (VALUE <> '');
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int, p_id int REFERENCES p, m s.m);
CREATE INDEX ON t (id) INCLUDE (p_id);
CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
CREATE INDEX ON mv (id);
ALTER TABLE t DROP COLUMN m;
DROP TABLE p CASCADE;
`)
	c.ServerVersion = 150004
	c.Extensions["x"] = true
	n := c.Clone()
	if dumpCatalog(n) != dumpCatalog(c) || n.ServerVersion != c.ServerVersion || !n.Extensions["x"] {
		t.Fatal("clone differs")
	}
	// Mutate everything reachable from the clone; the original must not move.
	before := dumpCatalog(c)
	n.SearchPath[0] = "zzz"
	n.Extensions["y"] = true
	for _, s := range n.Schemas {
		for _, e := range s.Enums {
			e.Values[0] = "zz"
		}
		for _, d := range s.Domains {
			d.Checks[0] = "zz"
		}
		for _, tb := range s.Tables {
			tb.Columns[0].Name = "zz"
			for _, ix := range tb.Indexes {
				ix.Keys[0].Column = "zz"
				if len(ix.Include) > 0 {
					ix.Include[0] = "zz"
				}
			}
			for _, k := range tb.Constraints {
				k.Columns[0] = "zz"
			}
			for _, ts := range tb.DroppedColumns {
				ts.Name = "zz"
			}
		}
		for _, v := range s.Views {
			v.Columns[0].Type = "zz"
			v.Indexes[0].Name = "zz"
		}
		for _, ts := range s.Dropped {
			ts.RenamedTo = "zz"
		}
	}
	if dumpCatalog(c) != before || c.SearchPath[0] != "public" || c.Extensions["y"] {
		t.Error("mutating the clone changed the original")
	}
	if (*Catalog)(nil).Clone() != nil {
		t.Error("nil clone")
	}
}

// FuzzApply: any SQL that parses, applied to a catalog with a few tables,
// must not panic.
func FuzzApply(f *testing.F) {
	for _, s := range []string{
		"ALTER TABLE t ADD COLUMN x int",
		"DROP TABLE p CASCADE",
		"CREATE INDEX ON t (lower(a)) WHERE b > 0",
		"ALTER TABLE t RENAME COLUMN a TO b",
		"CREATE VIEW v AS SELECT * FROM t JOIN p USING (id)",
		"ALTER TABLE ev ATTACH PARTITION t FOR VALUES FROM (1) TO (2)",
		"CREATE TABLE x PARTITION OF ev FOR VALUES FROM (MINVALUE) TO (MAXVALUE)",
		"ALTER TABLE t ADD CONSTRAINT c PRIMARY KEY USING INDEX t_a_idx",
		"CREATE TABLE x AS SELECT * FROM generate_series(1, 2) g, t",
		"DROP TYPE mood CASCADE",
		"ALTER SCHEMA public RENAME TO p2",
		"CREATE TABLE y (LIKE t INCLUDING ALL)",
		"ALTER TABLE t ALTER COLUMN b TYPE numeric(10,2) USING b::numeric",
		"CREATE TABLE z (a int DEFAULT (SELECT 1))",
		"SELECT set_config('search_path', 'nope', false); CREATE TABLE q (id int)",
		"DO $$ BEGIN CREATE TYPE mood AS ENUM ('x'); EXCEPTION WHEN duplicate_object THEN null; END $$",
		"DO $$ BEGIN IF true THEN ALTER TABLE t ADD COLUMN c int; ELSE DROP TABLE p CASCADE; END IF; END $$",
		"DO $$ BEGIN EXECUTE 'CREATE TABLE w (id int)'; END $$; CREATE TABLE u (m unknown_type)",
	} {
		f.Add(s)
	}
	const seed = `
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE TABLE p (id int PRIMARY KEY, m mood);
CREATE TABLE t (id int REFERENCES p, a text, b int, UNIQUE (a, b));
CREATE INDEX t_a_idx ON t (a);
CREATE TABLE ev (id int, at int, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM (0) TO (10);
CREATE VIEW pv AS SELECT * FROM p;
`
	base := New()
	if err := base.ApplySQL("seed.sql", seed); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		res, err := pgsql.ParseUncached(src)
		if err != nil {
			return
		}
		c := base.Clone()
		for i := range res.Statements {
			if err := c.Apply(&res.Statements[i], "fuzz.sql"); err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %T is not *Error: %v", err, err)
				}
			}
		}
		_ = dumpCatalog(c)
	})
}
