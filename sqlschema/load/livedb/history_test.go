package livedb

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// migrationFile is one golang-migrate file: NNN_name.up.sql or .down.sql.
type migrationFile struct {
	version string // digits, leading zeros kept
	path    string
}

var migrateName = regexp.MustCompile(`^(\d+)_.*\.(up|down)\.sql$`)

// migrationFiles lists the up or down files of a golang-migrate directory
// in version order (numeric, as golang-migrate orders them).
func migrationFiles(t *testing.T, dir, direction string) []migrationFile {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []migrationFile
	for _, e := range entries {
		m := migrateName.FindStringSubmatch(e.Name())
		if m == nil || m[2] != direction {
			continue
		}
		out = append(out, migrationFile{version: m[1], path: filepath.Join(dir, e.Name())})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.TrimLeft(out[i].version, "0"), strings.TrimLeft(out[j].version, "0")
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		return a < b
	})
	if len(out) == 0 {
		t.Fatalf("no %s migrations in %s", direction, dir)
	}
	return out
}

// applyFile runs a migration file as golang-migrate does: the whole file
// in one simple-protocol Exec, which PostgreSQL runs as one implicit
// transaction (and a file of one statement outside any transaction, so
// CREATE INDEX CONCURRENTLY works there).
func applyFile(t *testing.T, conn *pgx.Conn, path string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.PgConn().Exec(context.Background(), string(src)).ReadAll(); err != nil {
		t.Fatalf("apply %s: %v", path, err)
	}
}
