package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCatalogIsLoadedOnDemandOnce(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	if cat, err := (&Result{}).Catalog(); cat != nil || err != nil {
		t.Fatalf("no sources: %v, %v", cat, err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	os.MkdirAll(good, 0o755)
	os.WriteFile(filepath.Join(good, "001_users.up.sql"), []byte("CREATE TABLE users (id int PRIMARY KEY);\n"), 0o644)
	r := &Result{Sources: []string{good}}
	a, err := r.Catalog()
	if err != nil || a == nil || a.Table("", "users") == nil {
		t.Fatalf("good: %v, %v", a, err)
	}
	if b, _ := r.Catalog(); b != a {
		t.Error("catalog loaded twice in one process")
	}

	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "001_x.up.sql"), []byte("\nALTER TABLE nope ADD COLUMN a int;\n"), 0o644)
	_, err = (&Result{Sources: []string{bad}}).Catalog()
	if err == nil || !strings.Contains(err.Error(), "001_x.up.sql:2:1") || !strings.Contains(err.Error(), `relation "nope" does not exist`) {
		t.Fatalf("bad: %v", err)
	}
}
