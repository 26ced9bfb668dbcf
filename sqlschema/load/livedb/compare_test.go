package livedb

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dblint/dblint/internal/pgtest"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/load"
)

// TestCompareHistories proves the catalog: a history of migrations applied
// to a real PostgreSQL and introspected must equal the same history folded
// by load.Load (Catalog.Apply). Every difference is either an introspection
// bug or a fold bug; the test prints each one.
//
// testdata/history is small and exercises partial, expression, composite
// and unique indexes, NOT VALID constraints, enums, partitions, views,
// renames and drops; testdata/histories/saas at the module root is a long
// real-world-shaped history, compared when present.
func TestCompareHistories(t *testing.T) {
	dirs := []string{filepath.Join("testdata", "history")}
	if saas := filepath.Join("..", "..", "..", "testdata", "histories", "saas"); isDir(saas) {
		dirs = append(dirs, saas)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) { compareHistory(t, dir) })
	}
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func compareHistory(t *testing.T, dir string) {
	srv := pgtest.Start(t)
	db := srv.CreateDB(t, "history_"+filepath.Base(dir))
	conn := connect(t, srv.URL(db))
	for _, f := range migrationFiles(t, dir, "up") {
		applyFile(t, conn, f.path)
	}
	got, err := Introspect(context.Background(), srv.URL(db), Options{})
	if err != nil {
		t.Fatalf("Introspect: %v", err)
	}

	res, err := load.Load([]string{dir}, load.Options{NoCache: true})
	if err != nil {
		t.Fatalf("load.Load: %v", err)
	}
	diffs := sqlschema.Diff(res.Catalog, got)
	for _, d := range diffs {
		// want is the fold, got the database.
		t.Errorf("%s", d)
	}
	if len(diffs) > 0 {
		t.Logf("%d differences between the fold of %s (want) and the database it built (got)", len(diffs), dir)
	}
	compareDerived(t, res.Catalog, got)
}

// compareDerived checks what Diff leaves out because a schema does not
// differ by it, but which analyzers read and both sides derive: whether a
// column is a serial, whether its default is volatile (adding it rewrites
// the table), and which index backs which constraint.
func compareDerived(t *testing.T, want, got *sqlschema.Catalog) {
	t.Helper()
	for _, wt := range want.Tables() {
		gt := got.Table(wt.Schema, wt.Name)
		if gt == nil {
			continue
		}
		name := wt.QualifiedName()
		for _, wc := range wt.Columns {
			gc := gt.Column(wc.Name)
			if gc == nil {
				continue
			}
			if wc.Serial != gc.Serial {
				t.Errorf("column %s.%s: serial %q in want, %q in got", name, wc.Name, wc.Serial, gc.Serial)
			}
			if wc.DefaultVolatile != gc.DefaultVolatile {
				t.Errorf("column %s.%s: default %s volatile %v in want, %s %v in got", name, wc.Name, wc.Default, wc.DefaultVolatile, gc.Default, gc.DefaultVolatile)
			}
		}
		for _, wk := range wt.Constraints {
			if gk := gt.Constraint(wk.Name); gk != nil && wk.Index != gk.Index {
				t.Errorf("constraint %s.%s: index %q in want, %q in got", name, wk.Name, wk.Index, gk.Index)
			}
		}
		for _, wi := range wt.Indexes {
			if gi := gt.Index(wi.Name); gi != nil && wi.Constraint != gi.Constraint {
				t.Errorf("index %s.%s: constraint %q in want, %q in got", name, wi.Name, wi.Constraint, gi.Constraint)
			}
		}
	}
}
