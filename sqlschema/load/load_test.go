package load

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dblint/dblint/sqlschema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// describe renders migrations for a golden file: version, name, format,
// and for each script its tx mode and where each statement starts.
func describe(ms []*sqlschema.Migration) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s %s (%s)\n", orDash(m.Version), m.Name, m.Format)
		for _, s := range []struct {
			dir string
			sc  *sqlschema.Script
		}{{"up", m.Up}, {"down", m.Down}} {
			if s.sc == nil {
				continue
			}
			fmt.Fprintf(&b, "  %-4s %-8s %s:", s.dir, s.sc.Tx, filepath.ToSlash(s.sc.File))
			for _, st := range s.sc.Statements {
				first, _, _ := strings.Cut(st.Text, "\n")
				if len(first) > 40 {
					first = first[:40] + "..."
				}
				fmt.Fprintf(&b, "\n         %d:%d %s", st.Pos.Line, st.Pos.Column, first)
			}
			if len(s.sc.Statements) == 0 {
				b.WriteString(" (empty)")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// golden compares got with the file, or rewrites it under -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./sqlschema/load -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test ./sqlschema/load -update and review the diff):\n%s", file, lineDiff(string(want), got))
	}
}

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
			if shown++; shown == 8 {
				b.WriteString("...\n")
				break
			}
		}
	}
	return b.String()
}

func snapshotOf(t *testing.T, c *sqlschema.Catalog) string {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteSnapshot(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// chdirTestdata makes paths in goldens relative and stable.
func chdirTestdata(t *testing.T) {
	t.Helper()
	t.Chdir("testdata")
}

func TestFormats(t *testing.T) {
	chdirTestdata(t)
	cases := []struct{ dir, format string }{
		{"golang-migrate", GolangMigrate},
		{"goose", Goose},
		{"dbmate", Dbmate},
		{"tern", Tern},
		{"sql-migrate", SQLMigrate},
		{"atlas", Atlas},
		{"flyway", Flyway},
		{"pop", Pop},
		{"plain", Plain},
		{"ordering", GolangMigrate},
	}
	for _, tc := range cases {
		t.Run(tc.dir, func(t *testing.T) {
			dir := filepath.Join(tc.dir, "migrations")
			format, err := DetectFormat(dir)
			if err != nil || format != tc.format {
				t.Fatalf("DetectFormat = %q, %v; want %q", format, err, tc.format)
			}
			res, err := Load([]string{dir}, Options{NoCache: true})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(tc.dir, "migrations.txt"), describe(res.Migrations))
			golden(t, filepath.Join(tc.dir, "want.json"), snapshotOf(t, res.Catalog))
			checkPositions(t, res.Migrations)
		})
	}
}

// checkPositions verifies that every statement's position is its place
// in the real file.
func checkPositions(t *testing.T, ms []*sqlschema.Migration) {
	t.Helper()
	for _, m := range ms {
		for _, s := range []*sqlschema.Script{m.Up, m.Down} {
			if s == nil {
				continue
			}
			data, err := os.ReadFile(s.File)
			if err != nil {
				t.Fatal(err)
			}
			if s.Src != string(data) {
				t.Errorf("%s: Script.Src is not the file", s.File)
			}
			for _, st := range s.Statements {
				if got := s.Src[st.Pos.Offset:st.End]; got != st.Text {
					t.Errorf("%s:%d:%d: offsets give %q, text is %q", s.File, st.Pos.Line, st.Pos.Column, got, st.Text)
				}
				lineStart := strings.LastIndexByte(s.Src[:st.Pos.Offset], '\n') + 1
				if line := strings.Count(s.Src[:st.Pos.Offset], "\n") + 1; line != st.Pos.Line || st.Pos.Offset-lineStart+1 != st.Pos.Column {
					t.Errorf("%s: statement %q at %d:%d, offset says %d:%d", s.File, st.Text, st.Pos.Line, st.Pos.Column, line, st.Pos.Offset-lineStart+1)
				}
			}
		}
	}
}

func TestPgDump(t *testing.T) {
	chdirTestdata(t)
	file := filepath.Join("pg_dump", "schema.sql")
	res, err := Load([]string{file}, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Migrations) != 1 || res.Migrations[0].Format != PgDump || res.Migrations[0].Up.Tx != sqlschema.TxNone {
		t.Fatalf("migrations = %s", describe(res.Migrations))
	}
	golden(t, filepath.Join("pg_dump", "migrations.txt"), describe(res.Migrations))
	golden(t, filepath.Join("pg_dump", "want.json"), snapshotOf(t, res.Catalog))
	checkPositions(t, res.Migrations)
	if sp := res.Catalog.SearchPath; len(sp) != 1 || sp[0] != "public" {
		t.Errorf("search_path after the dump = %q, want the session's set_config undone", sp)
	}
	for _, want := range []string{"customers", "orders", "shop.order_items"} {
		schema, name, ok := strings.Cut(want, ".")
		if !ok {
			schema, name = "public", want
		}
		if res.Catalog.Table(schema, name) == nil {
			t.Errorf("table %s missing", want)
		}
	}
	if v := res.Catalog.View("public", "paid_orders"); v == nil {
		t.Error("view paid_orders missing")
	}
	if e := res.Catalog.Enum("public", "order_status"); e == nil || len(e.Values) != 4 {
		t.Errorf("enum = %+v", e)
	}
	if fks := res.Catalog.Table("shop", "order_items").ForeignKeys(); len(fks) != 1 || fks[0].OnDelete == "" {
		t.Errorf("order_items fks = %+v", fks)
	}
	for _, st := range res.Migrations[0].Up.Statements {
		if strings.HasPrefix(st.Text, `\`) || strings.Contains(st.Text, "restrict") {
			t.Errorf("meta-command kept: %q", st.Text)
		}
	}
}

// writeFiles creates files (name -> content) in a new temp directory.
func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestVersionOrder(t *testing.T) {
	in := []string{"20240101000000", "10", "9", "0010", "100", "2", "1.10", "1.9", "1.9.1", "0", "99999999999999999999999"}
	want := []string{"0", "1.9", "1.9.1", "1.10", "2", "9", "10", "0010", "100", "20240101000000", "99999999999999999999999"}
	got := append([]string{}, in...)
	for i := range got { // insertion sort with the comparison under test
		for j := i; j > 0 && compareVersions(parseVersion(got[j-1]), parseVersion(got[j])) > 0; j-- {
			got[j-1], got[j] = got[j], got[j-1]
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("order = %v, want %v", got, want)
	}
	if compareVersions(parseVersion("0010"), parseVersion("10")) != 0 {
		t.Error("0010 and 10 must be the same version")
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"golang-migrate", map[string]string{"1_a.up.sql": "", "1_a.down.sql": ""}, GolangMigrate},
		{"flyway", map[string]string{"V1__a.sql": ""}, Flyway},
		{"pop", map[string]string{"1_a.up.sql": "", "1_a.postgres.up.sql": "", "1_a.down.sql": ""}, Pop},
		{"pop, other dialects only", map[string]string{"1_a.up.sql": "", "1_a.mysql.up.sql": ""}, Pop},
		{"golang-migrate, dotted name", map[string]string{"1_a.b.up.sql": ""}, GolangMigrate},
		{"flyway repeatable only", map[string]string{"R__views.sql": ""}, Flyway},
		{"atlas", map[string]string{"1_a.sql": "", "atlas.sum": ""}, Atlas},
		{"tern by conf", map[string]string{"001_a.sql": "create table a (id int);", "tern.conf": "[database]\n"}, Tern},
		{"tern by separator", map[string]string{"001_a.sql": "select 1;\n---- create above / drop below ----\n"}, Tern},
		{"goose lower case", map[string]string{"1_a.sql": "-- +goose up\nselect 1;"}, Goose},
		{"sql-migrate", map[string]string{"a.sql": "-- +migrate Up\nselect 1;"}, SQLMigrate},
		{"dbmate", map[string]string{"1_a.sql": "--migrate:up\nselect 1;"}, Dbmate},
		{"plain", map[string]string{"1_a.sql": "select 1;", "notes.txt": "-- +goose Up"}, Plain},
		{"empty", map[string]string{}, Plain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DetectFormat(writeFiles(t, tt.files))
			if err != nil || got != tt.want {
				t.Errorf("DetectFormat = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// loadErr loads files written to a temp dir (name "src.sql" or ".json" is
// loaded as a file source) and returns the error with the dir replaced
// by "D".
func loadErr(t *testing.T, files map[string]string, source string) (error, string) {
	t.Helper()
	dir := writeFiles(t, files)
	_, err := Load([]string{filepath.Join(dir, source)}, Options{NoCache: true})
	if err == nil {
		return nil, ""
	}
	return err, strings.ReplaceAll(err.Error(), dir, "D")
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		source string
		want   string
	}{
		{"syntax error golang-migrate",
			map[string]string{"1_a.up.sql": "CREATE TABLE a (id int);\n\nCREATE TABLE b (id int,, x int);\n"}, "",
			`D/1_a.up.sql:3:24: syntax error at or near ","`},
		{"syntax error in goose down keeps file position",
			map[string]string{"1_a.sql": "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a b;\n"}, "",
			`D/1_a.sql:4:14: syntax error at or near "b"`},
		{"syntax error in tern down",
			map[string]string{"001_a.sql": "create table a (id int);\n---- create above / drop below ----\n  drop tabl a;\n"}, "",
			`D/001_a.sql:3:8: syntax error at or near "tabl"`},
		{"unknown table",
			map[string]string{"1_a.up.sql": "CREATE TABLE a (id int);\n", "2_b.up.sql": "-- add a column\n\n  ALTER TABLE missing ADD COLUMN x int;\n"}, "",
			`D/2_b.up.sql:3:3: relation "missing" does not exist`},
		{"unknown table in dbmate",
			map[string]string{"20240101_a.sql": "-- migrate:up\nSELECT 1;\nALTER TABLE nope ADD COLUMN x int;\n-- migrate:down\n"}, "",
			`D/20240101_a.sql:3:1: relation "nope" does not exist`},
		{"duplicate version",
			map[string]string{"1_a.up.sql": "SELECT 1;", "001_b.up.sql": "SELECT 2;"}, "",
			`duplicate migration version 1: D/001_b.up.sql and D/1_a.up.sql`},
		{"duplicate goose version",
			map[string]string{"00002_a.sql": "-- +goose Up\nSELECT 1;", "2_b.sql": "-- +goose Up\nSELECT 2;"}, "",
			`duplicate migration version 2: D/00002_a.sql and D/2_b.sql`},
		{"duplicate flyway version",
			map[string]string{"V1.1__a.sql": "SELECT 1;", "V1_1__b.sql": "SELECT 2;"}, "",
			`duplicate migration version 1_1: D/V1.1__a.sql and D/V1_1__b.sql`},
		{"down without up",
			map[string]string{"1_a.up.sql": "SELECT 1;", "2_b.down.sql": "SELECT 2;"}, "",
			`D/2_b.down.sql: migration version 2 has a down script but no up script`},
		{"goose without version",
			map[string]string{"init.sql": "-- +goose Up\nSELECT 1;"}, "",
			`D/init.sql: goose migration file name has no numeric version prefix (want NNN_name.sql)`},
		{"goose without up",
			map[string]string{"1_a.sql": "-- +goose Down\nSELECT 1;"}, "",
			`D/1_a.sql: no -- +goose Up annotation`},
		{"goose SQL before up",
			map[string]string{"1_a.sql": "-- header\nSELECT 1;\n-- +goose Up\nSELECT 2;"}, "",
			`D/1_a.sql:2:1: SQL before the -- +goose Up annotation`},
		{"goose unterminated block",
			map[string]string{"1_a.sql": "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n"}, "",
			`D/1_a.sql:2:1: StatementBegin without StatementEnd`},
		{"goose unknown annotation",
			map[string]string{"1_a.sql": "-- +goose Up\n  -- +goose Sideways\nSELECT 1;\n"}, "",
			`D/1_a.sql:2:3: unknown goose annotation "-- +goose Sideways"`},
		{"sql-migrate bad option",
			map[string]string{"1_a.sql": "-- +migrate Up sometimes\nSELECT 1;\n"}, "",
			`D/1_a.sql:1:1: unknown sql-migrate option "sometimes" in "-- +migrate Up sometimes"`},
		{"dbmate bad transaction option",
			map[string]string{"1_a.sql": "-- migrate:up transaction:maybe\nSELECT 1;\n"}, "",
			`D/1_a.sql:1:1: invalid dbmate option "transaction:maybe": want transaction:true or transaction:false`},
		{"atlas bad txmode",
			map[string]string{"1_a.sql": "-- atlas:txmode sometimes\nSELECT 1;\n", "atlas.sum": ""}, "",
			`D/1_a.sql:1:1: unknown atlas txmode "sometimes": want none, file or all`},
		{"mixed annotations",
			map[string]string{"1_a.sql": "-- +goose Up\nSELECT 1;", "2_b.sql": "-- migrate:up\nSELECT 1;"}, "",
			`D: mixes goose annotations (1_a.sql) and dbmate annotations (2_b.sql)`},
		{"sql file syntax error",
			map[string]string{"schema.sql": "\\connect x\nCREATE TABLE a (id int);\nCREATE TABLE (id int);\n"}, "schema.sql",
			`D/schema.sql:3:14: syntax error at or near "("`},
		{"not a source", map[string]string{"schema.txt": ""}, "schema.txt",
			`schema source D/schema.txt: not a migration directory, .sql file or .json snapshot`},
		{"missing source", map[string]string{}, "nope",
			`schema source D/nope: no such file or directory`},
		{"bad snapshot", map[string]string{"s.json": `{"tables": [{"name": "t", "colums": []}]}`}, "s.json",
			`D/s.json:1:27: unknown key "colums" in tables[0]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err, msg := loadErr(t, tt.files, tt.source)
			if err == nil {
				t.Fatal("no error")
			}
			if msg != tt.want {
				t.Errorf("err = %s\nwant  %s", msg, tt.want)
			}
		})
	}
}

func TestErrorsAreTyped(t *testing.T) {
	err, _ := loadErr(t, map[string]string{"1_a.up.sql": "CREATE TABLE a (id int,, x int);"}, "")
	var e *sqlschema.Error
	if !errors.As(err, &e) || e.Line != 1 || e.Column != 24 || e.SQLState != "42601" {
		t.Errorf("parse error = %#v", err)
	}
	err, _ = loadErr(t, map[string]string{"1_a.up.sql": "ALTER TABLE x ADD COLUMN y int;"}, "")
	if !errors.As(err, &e) || e.SQLState != sqlschema.UndefinedTable || e.Line != 1 {
		t.Errorf("apply error = %#v", err)
	}
	_, err = Load([]string{filepath.Join(t.TempDir(), "missing")}, Options{NoCache: true})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing source: %v is not fs.ErrNotExist", err)
	}
}

func TestUnreadablePath(t *testing.T) {
	if os.Geteuid() == 0 {
		// root reads everything: make the path unreadable another way,
		// a directory where a file is expected.
		dir := writeFiles(t, map[string]string{"1_a.up.sql": "SELECT 1;"})
		if err := os.Mkdir(filepath.Join(dir, "2_b.up.sql"), 0o755); err != nil {
			t.Fatal(err)
		}
		// A directory named like a migration is skipped, not read.
		if _, err := Load([]string{dir}, Options{NoCache: true}); err != nil {
			t.Fatalf("a directory named like a migration: %v", err)
		}
		// A dangling symlink cannot be read.
		if err := os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "3_c.up.sql")); err != nil {
			t.Skip(err)
		}
		_, err := Load([]string{dir}, Options{NoCache: true})
		want := "migration " + filepath.Join(dir, "3_c.up.sql") + ": no such file or directory"
		if err == nil || err.Error() != want {
			t.Errorf("err = %v\nwant  %s", err, want)
		}
		return
	}
	dir := writeFiles(t, map[string]string{"1_a.up.sql": "SELECT 1;"})
	p := filepath.Join(dir, "1_a.up.sql")
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	_, err := Load([]string{dir}, Options{NoCache: true})
	if err == nil || err.Error() != "migration "+p+": permission denied" {
		t.Errorf("err = %v", err)
	}
}

func TestTxModes(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		up, down string
	}{
		{"golang-migrate", map[string]string{"1_a.up.sql": "SELECT 1;", "1_a.down.sql": "SELECT 1;"}, "implicit", "implicit"},
		{"goose", map[string]string{"1_a.sql": "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;"}, "wrapped", "wrapped"},
		{"goose no transaction", map[string]string{"1_a.sql": "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n-- +goose NO TRANSACTION\n"}, "none", "none"},
		{"dbmate", map[string]string{"1_a.sql": "-- migrate:up transaction:false\nSELECT 1;\n-- migrate:down\nSELECT 2;"}, "none", "wrapped"},
		{"sql-migrate", map[string]string{"1_a.sql": "-- +migrate Up\nSELECT 1;\n-- +migrate Down notransaction\nSELECT 2;"}, "wrapped", "none"},
		{"tern", map[string]string{"1_a.sql": "SELECT 1;\n---- create above / drop below ----\nSELECT 2;"}, "wrapped", "wrapped"},
		{"tern disable-tx", map[string]string{"1_a.sql": "---- tern: disable-tx ----\nSELECT 1;\n---- create above / drop below ----\nSELECT 2;"}, "none", "none"},
		{"atlas", map[string]string{"1_a.sql": "SELECT 1;", "atlas.sum": ""}, "wrapped", ""},
		{"atlas txmode none", map[string]string{"1_a.sql": "-- atlas:txmode none\n\nSELECT 1;", "atlas.sum": ""}, "none", ""},
		{"atlas txmode after a statement is ignored", map[string]string{"1_a.sql": "SELECT 1;\n-- atlas:txmode none\n", "atlas.sum": ""}, "wrapped", ""},
		{"flyway", map[string]string{"V1__a.sql": "SELECT 1;", "U1__a.sql": "SELECT 2;"}, "wrapped", "wrapped"},
		{"flyway concurrently", map[string]string{"V1__a.sql": "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY ON a (id);"}, "none", ""},
		{"flyway conf", map[string]string{"V1__a.sql": "SELECT 1;", "V1__a.sql.conf": "# settings\nexecuteInTransaction = false\n"}, "none", ""},
		{"plain", map[string]string{"1_a.sql": "SELECT 1;"}, "none", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := Dir(writeFiles(t, tt.files))
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != 1 {
				t.Fatalf("%d migrations", len(ms))
			}
			if got := ms[0].Up.Tx.String(); got != tt.up {
				t.Errorf("up tx = %s, want %s", got, tt.up)
			}
			down := ""
			if ms[0].Down != nil {
				down = ms[0].Down.Tx.String()
			}
			if down != tt.down {
				t.Errorf("down tx = %q, want %q", down, tt.down)
			}
		})
	}
}

func TestGooseEmptyDownIsNotNil(t *testing.T) {
	ms, err := Dir(writeFiles(t, map[string]string{
		"1_a.sql": "-- +goose Up\nSELECT 1;\n-- +goose Down\n",
		"2_b.sql": "-- +goose Up\nSELECT 1;\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if ms[0].Down == nil || len(ms[0].Down.Statements) != 0 {
		t.Errorf("empty down = %+v, want an empty script", ms[0].Down)
	}
	if ms[1].Down != nil {
		t.Errorf("no down = %+v, want nil", ms[1].Down)
	}
}

func TestPsqlBlanking(t *testing.T) {
	src := "\\set ON_ERROR_STOP on\n" +
		"CREATE TABLE a (id int, note text);\n" +
		"COPY public.a (id, note) FROM stdin;\n" +
		"1\tCREATE TABLE nope (\n" +
		"2\t\\N\n" +
		"\\.\n" +
		"CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $body$\n" +
		"\\not a meta command inside a body\n" +
		"SELECT 'x;'::text\n" +
		"$body$;\n" +
		"  \\connect other\n" +
		"SELECT E'it\\'s; \\\\', 'a''b';\n" +
		"COPY a FROM stdin;\n" +
		"3\tlast, no terminator\n"
	got := blankPsql(src)
	if len(got) != len(src) || strings.Count(got, "\n") != strings.Count(src, "\n") {
		t.Fatal("blanking must keep offsets and lines")
	}
	for _, gone := range []string{`\set`, "CREATE TABLE nope", `\N`, `\.`, `\connect`, "last, no terminator"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q not blanked:\n%s", gone, got)
		}
	}
	for _, kept := range []string{"CREATE TABLE a", "COPY public.a (id, note) FROM stdin;", `\not a meta command`, `SELECT E'it\'s; \\', 'a''b';`, "COPY a FROM stdin;"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q blanked:\n%s", kept, got)
		}
	}
}

func TestMaskKeepsPositionsAndStripsBOM(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"1_a.sql": "\uFEFF-- +goose Up\nCREATE TABLE é (id int);\n-- +goose Down\n  DROP TABLE é;\n",
	})
	ms, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkPositions(t, ms)
	st := ms[0].Down.Statements[0]
	if st.Pos.Line != 4 || st.Pos.Column != 3 || st.Text != "DROP TABLE é" {
		t.Errorf("down statement %q at %v", st.Text, st.Pos)
	}
}

func TestSourcesInOrder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.json":             `{"tables": [{"name": "accounts", "columns": [{"name": "id", "type": "int8", "not_null": true}]}]}`,
		"migrations/1_a.up.sql": "ALTER TABLE accounts ADD COLUMN email text;\nCREATE TABLE users (id int);\n",
		"extra.sql":             "CREATE TABLE audit (id int);\n",
		"more.json":             `{"tables": [{"name": "events", "columns": []}]}`,
		"dup.json":              `{"tables": [{"name": "users", "columns": []}]}`,
	})
	res, err := Load([]string{
		filepath.Join(dir, "base.json"), filepath.Join(dir, "migrations"),
		filepath.Join(dir, "extra.sql"), filepath.Join(dir, "more.json"),
	}, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"accounts", "users", "audit", "events"} {
		if res.Catalog.Table("", name) == nil {
			t.Errorf("table %s missing", name)
		}
	}
	if len(res.Migrations) != 2 || len(res.Files) != 4 {
		t.Errorf("migrations %d, files %v", len(res.Migrations), res.Files)
	}
	_, err = Load([]string{filepath.Join(dir, "base.json"), filepath.Join(dir, "migrations"), filepath.Join(dir, "dup.json")}, Options{NoCache: true})
	if err == nil || !strings.Contains(err.Error(), `relation "users" from the snapshot already exists`) {
		t.Errorf("dup err = %v", err)
	}
}

func TestSnapshotSourceRoundTrip(t *testing.T) {
	chdirTestdata(t)
	res, err := Load([]string{filepath.Join("goose", "migrations")}, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	snap := snapshotOf(t, res.Catalog)
	p := filepath.Join(t.TempDir(), "schema.json")
	if err := os.WriteFile(p, []byte(snap), 0o644); err != nil {
		t.Fatal(err)
	}
	res2, err := Load([]string{p}, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := snapshotOf(t, res2.Catalog); got != snap {
		t.Errorf("snapshot source does not round-trip:\n%s", lineDiff(snap, got))
	}
}

// The shared SaaS history (testdata/histories/saas) loads, every
// statement at its real position, into the golden catalog.
func TestSaaSHistory(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", "testdata", "histories", "saas"))
	res, err := Load([]string{"."}, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Migrations) < 100 {
		t.Errorf("%d migrations, want 100+", len(res.Migrations))
	}
	checkPositions(t, res.Migrations)
	golden(t, "want.json", snapshotOf(t, res.Catalog))
}
