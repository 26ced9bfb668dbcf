package load

import (
	"path/filepath"
	"strings"
	"testing"
)

// fuzzLayouts put arbitrary content where each format reads it.
var fuzzLayouts = []struct {
	name   string
	files  func(src string) map[string]string
	source string // the file loaded instead of the directory, if any
}{
	{"golang-migrate", func(s string) map[string]string {
		return map[string]string{"1_a.up.sql": s, "1_a.down.sql": s, "2_b.up.sql": s}
	}, ""},
	{"goose", func(s string) map[string]string { return map[string]string{"1_a.sql": "-- +goose Up\n" + s} }, ""},
	{"goose raw", func(s string) map[string]string { return map[string]string{"00001_a.sql": s} }, ""},
	{"dbmate", func(s string) map[string]string { return map[string]string{"1_a.sql": "-- migrate:up\n" + s} }, ""},
	{"sql-migrate", func(s string) map[string]string { return map[string]string{"a.sql": "-- +migrate Up\n" + s} }, ""},
	{"tern", func(s string) map[string]string { return map[string]string{"001_a.sql": s, "tern.conf": ""} }, ""},
	{"atlas", func(s string) map[string]string { return map[string]string{"1_a.sql": s, "atlas.sum": ""} }, ""},
	{"flyway", func(s string) map[string]string {
		return map[string]string{"V1__a.sql": s, "U1__a.sql": s, "V1__a.sql.conf": s}
	}, ""},
	{"sql file", func(s string) map[string]string { return map[string]string{"schema.sql": s} }, "schema.sql"},
	{"snapshot", func(s string) map[string]string { return map[string]string{"s.json": s} }, "s.json"},
}

func FuzzLoadFile(f *testing.F) {
	seeds := []string{
		"CREATE TABLE a (id int PRIMARY KEY);\nALTER TABLE a ADD COLUMN b text;\n",
		"-- +goose Down\nDROP TABLE a;\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd\n",
		"-- +goose StatementEnd\n-- +goose NO TRANSACTION\n-- +goose ENVSUB ON\nSELECT ${X};",
		"-- migrate:down transaction:false\n-- migrate:up\n",
		"-- +migrate StatementBegin\n-- +migrate Down notransaction\n",
		"---- tern: disable-tx ----\ncreate table t (id int);\n---- create above / drop below ----\ndrop table t;\n",
		"-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON a (id);",
		"executeInTransaction=maybe\n",
		"\\restrict abc\nCOPY a (id) FROM stdin;\n1\n\\.\nSELECT pg_catalog.set_config('search_path', '', false);\n",
		"\uFEFFCREATE TABLE \"é\" (x int);\x00",
		"$$ unterminated ' \" /* ",
		`{"tables": [{"name": "t", "columns": [{"name": "a", "type": "int4"}]}]}`,
		"CREATE TABLE a (id int,, x);",
		"ALTER TABLE missing RENAME TO other;",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, l := range fuzzLayouts {
			dir := writeFiles(t, l.files(src))
			path := dir
			if l.source != "" {
				path = filepath.Join(dir, l.source)
			} else {
				DetectFormat(dir)
				Dir(dir)
			}
			_, err := Load([]string{path}, Options{NoCache: true})
			if err != nil && strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%s: %v", l.name, err)
			}
		}
	})
}
