package pgsql

import (
	"slices"
	"strings"
	"testing"
)

func TestBlockStatements(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string
		dynamic    bool
	}{
		{
			name: "create type unless it exists",
			body: ` BEGIN
	CREATE TYPE job_status AS ENUM ('new', 'processed', 'failed');
EXCEPTION
	WHEN duplicate_object THEN null;
END `,
			want: []string{"CREATE TYPE job_status AS ENUM ('new', 'processed', 'failed')"},
		},
		{
			name: "branches in source order, conditions left out",
			body: `
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
		CREATE TYPE mood AS ENUM ('ok');
	ELSE
		ALTER TYPE mood ADD VALUE 'ok';
	END IF;
	FOR i IN 1..3 LOOP
		INSERT INTO t VALUES (i);
	END LOOP;
	PERFORM pg_sleep(0);
	ALTER TABLE t ADD COLUMN c int; ALTER TABLE t ADD COLUMN d int;
END`,
			want: []string{"CREATE TYPE mood AS ENUM ('ok')", "ALTER TYPE mood ADD VALUE 'ok'", "INSERT INTO t VALUES (i)", "ALTER TABLE t ADD COLUMN c int", "ALTER TABLE t ADD COLUMN d int"},
		},
		{
			name:    "dynamic SQL",
			body:    `BEGIN EXECUTE format('CREATE INDEX %I ON t (c)', 'i'); CREATE TABLE u (id int); END`,
			want:    []string{"CREATE TABLE u (id int)"},
			dynamic: true,
		},
		{
			name: "a body holding the wrapper's quote",
			body: `BEGIN RAISE NOTICE '$dblint$'; CREATE TABLE v (id int); END`,
			want: []string{"CREATE TABLE v (id int)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, dynamic, err := BlockStatements(tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) || dynamic != tc.dynamic {
				t.Errorf("got %q dynamic=%v, want %q dynamic=%v", got, dynamic, tc.want, tc.dynamic)
			}
		})
	}
	if _, _, err := BlockStatements("BEGIN CREATE TABLE ( END"); err == nil || !strings.Contains(err.Error(), "PL/pgSQL") {
		t.Errorf("bad block: err = %v", err)
	}
}

func FuzzBlockStatements(f *testing.F) {
	f.Add("BEGIN CREATE TYPE x AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN null; END")
	f.Add("BEGIN IF true THEN EXECUTE 'x'; END IF; END")
	f.Add("$$")
	f.Fuzz(func(t *testing.T, body string) {
		_, _, _ = BlockStatements(body)
	})
}
