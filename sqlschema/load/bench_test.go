package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// genHistory writes n goose migrations of an evolving schema: every tenth
// creates a table, the others add columns, indexes, foreign keys and
// checks to recent tables, change types, rename columns and drop indexes,
// as a long-lived project's history does.
func genHistory(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	tables := 0
	cols := map[int]int{} // table -> extra columns added
	for i := 1; i <= n; i++ {
		var up, down strings.Builder
		t := tables - 1 - i%7
		if t < 0 || i%10 == 1 {
			t = tables
			tables++
			fmt.Fprintf(&up, "CREATE TABLE t%d (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    name text NOT NULL,\n    created_at timestamptz NOT NULL DEFAULT now(),\n    amount numeric(12,2),\n    status varchar(20) DEFAULT 'new'\n);\n", t)
			fmt.Fprintf(&down, "DROP TABLE t%d;\n", t)
		} else {
			switch i % 6 {
			case 0:
				c := cols[t]
				cols[t]++
				fmt.Fprintf(&up, "ALTER TABLE t%d ADD COLUMN c%d integer NOT NULL DEFAULT 0;\n", t, c)
				fmt.Fprintf(&down, "ALTER TABLE t%d DROP COLUMN c%d;\n", t, c)
			case 1:
				fmt.Fprintf(&up, "CREATE INDEX t%d_idx_%d ON t%d (created_at DESC) WHERE status <> 'done';\n", t, i, t)
				fmt.Fprintf(&down, "DROP INDEX t%d_idx_%d;\n", t, i)
			case 2:
				if t > 0 {
					fmt.Fprintf(&up, "ALTER TABLE t%d ADD COLUMN ref_%d bigint REFERENCES t%d (id) ON DELETE SET NULL;\nCREATE INDEX ON t%d (ref_%d);\n", t, i, t-1, t, i)
					fmt.Fprintf(&down, "ALTER TABLE t%d DROP COLUMN ref_%d;\n", t, i)
				} else {
					fmt.Fprintf(&up, "COMMENT ON TABLE t%d IS 'migration %d';\n", t, i)
				}
			case 3:
				fmt.Fprintf(&up, "ALTER TABLE t%d ADD CONSTRAINT t%d_amount_%d CHECK (amount >= 0) NOT VALID;\nALTER TABLE t%d VALIDATE CONSTRAINT t%d_amount_%d;\n", t, t, i, t, t, i)
				fmt.Fprintf(&down, "ALTER TABLE t%d DROP CONSTRAINT t%d_amount_%d;\n", t, t, i)
			case 4:
				fmt.Fprintf(&up, "ALTER TABLE t%d ALTER COLUMN name TYPE varchar(%d);\nALTER TABLE t%d ALTER COLUMN name TYPE text;\n", t, 100+i, t)
			case 5:
				fmt.Fprintf(&up, "ALTER TABLE t%d RENAME COLUMN name TO name_%d;\nALTER TABLE t%d RENAME COLUMN name_%d TO name;\nUPDATE t%d SET status = 'new' WHERE status IS NULL;\n", t, i, t, i, t)
			}
		}
		src := "-- +goose Up\n" + up.String() + "\n-- +goose Down\n" + down.String()
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d_step_%d.sql", i, i)), []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func BenchmarkLoad2000Cold(b *testing.B) {
	dir := genHistory(b, 2000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load([]string{dir}, Options{NoCache: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad2000Cached(b *testing.B) {
	noRacyWindow(b) // the files are not touched while the benchmark runs
	dir := genHistory(b, 2000)
	opts := Options{CacheDir: b.TempDir()}
	for range 2 { // build, then record the index
		if _, err := Load([]string{dir}, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := Load([]string{dir}, opts)
		if err != nil {
			b.Fatal(err)
		}
		if !res.Cached {
			b.Fatal("not cached")
		}
	}
}

// BenchmarkLoad2000CachedMigrations is a cache hit that still parses
// every file for Result.Migrations.
func BenchmarkLoad2000CachedMigrations(b *testing.B) {
	noRacyWindow(b)
	dir := genHistory(b, 2000)
	opts := Options{CacheDir: b.TempDir()}
	if _, err := Load([]string{dir}, opts); err != nil {
		b.Fatal(err)
	}
	opts.Migrations = true
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load([]string{dir}, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGeneratedHistoryLoads(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 200
	}
	res, err := Load([]string{genHistory(t, n)}, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Migrations) != n {
		t.Errorf("%d migrations", len(res.Migrations))
	}
}
