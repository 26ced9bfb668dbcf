package dbconfig

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadFileUnknownKeyNamesIt(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	write(t, p, "schema: [migrations]\nshema: x\n")
	_, err := ReadFile(p)
	if err == nil || !strings.Contains(err.Error(), `unknown key "shema"`) || !strings.Contains(err.Error(), ":2:") {
		t.Fatalf("err = %v", err)
	}
}

func TestReadFileScalarForList(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	write(t, p, "schema: db/migrations\ndisable: [unknown-column, nplusone]\npg-version: 13\n")
	s, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Schema) != 1 || s.Schema[0] != "db/migrations" || len(s.Disable) != 2 || s.PGVersion != 13 {
		t.Fatalf("got %+v", s)
	}
}

func TestReadFileBadShape(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	write(t, p, "pg-version: fifteen\n")
	if _, err := ReadFile(p); err == nil {
		t.Fatal("want error")
	}
	write(t, p, "- a\n- b\n")
	if _, err := ReadFile(p); err == nil || !strings.Contains(err.Error(), "mapping") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadResolvesRelativeToRoot(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "go.mod"), "module x\n")
	write(t, filepath.Join(root, "db/m/001_a.up.sql"), "CREATE TABLE a (id int);")
	write(t, filepath.Join(root, FileName), "schema: [db/m]\ndisable: [no-index]\n")
	cfg, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Schema) != 1 || cfg.Schema[0] != filepath.Join(root, "db/m") || cfg.SchemaDetected {
		t.Fatalf("schema = %v", cfg.Schema)
	}
	if cfg.Enabled("missingindex", "no-index") || !cfg.Enabled("missingindex", "fk-without-index") {
		t.Error("disable not applied")
	}
	if cfg.PGVersion != 15 || cfg.MinRows != 10000 {
		t.Errorf("defaults = %d %d", cfg.PGVersion, cfg.MinRows)
	}
	if len(cfg.Migrations) != 1 {
		t.Errorf("migrations default to schema dirs: %v", cfg.Migrations)
	}
}

func TestLoadMissingSourceIsAnError(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, FileName), "schema: [nope]\n")
	_, err := Load(root)
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("err = %v", err)
	}
}

func TestDetectSchema(t *testing.T) {
	root := t.TempDir()
	if got := DetectSchema(root); got != nil {
		t.Fatalf("empty module: %v", got)
	}
	write(t, filepath.Join(root, "internal/store/migrations/1_init.up.sql"), "SELECT 1;")
	if got := DetectSchema(root); len(got) != 1 || !strings.HasSuffix(got[0], "internal/store/migrations") {
		t.Fatalf("walk: %v", got)
	}
	write(t, filepath.Join(root, "db/migrations/1_init.up.sql"), "SELECT 1;")
	if got := DetectSchema(root); len(got) != 1 || !strings.HasSuffix(got[0], "db/migrations") {
		t.Fatalf("convention: %v", got)
	}
}

func TestSetFlagsUnknownKey(t *testing.T) {
	if err := SetFlags(map[string]string{"schemas": "x"}); err == nil || !strings.Contains(err.Error(), `"schemas"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestDetectedFlag(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "go.mod"), "module m\n")
	write(t, filepath.Join(root, "internal/store/migrations/1_init.up.sql"), "SELECT 1;")
	cfg, err := Load(root)
	if err != nil || !cfg.SchemaDetected {
		t.Fatalf("Load: %v, detected %v", err, cfg.SchemaDetected)
	}
	arg := DetectedFlagArg("", cfg)
	value, ok := strings.CutPrefix(arg, "-detected=")
	if !ok {
		t.Fatalf("DetectedFlagArg = %q", arg)
	}
	t.Cleanup(func() { flags.Detected = "" })

	// The vet process of that root takes the CLI's answer, even when the
	// tree has changed since (the CLI runs detection on every run).
	write(t, filepath.Join(root, "db/migrations/1_init.up.sql"), "SELECT 1;")
	flags.Detected = value
	got, err := Load(root)
	if err != nil || len(got.Schema) != 1 || got.Schema[0] != cfg.Schema[0] || !got.SchemaDetected {
		t.Fatalf("with the flag: %v %v", got.Schema, err)
	}
	// Another root detects for itself.
	other := t.TempDir()
	write(t, filepath.Join(other, "migrations/1_init.up.sql"), "SELECT 1;")
	if got, err := Load(other); err != nil || len(got.Schema) != 1 || got.Schema[0] != filepath.Join(other, "migrations") {
		t.Fatalf("other root: %v %v", got.Schema, err)
	}
	// Nothing detected is handed on too: the vet process does not walk.
	empty := t.TempDir()
	cfg, _ = Load(empty)
	value, _ = strings.CutPrefix(DetectedFlagArg("", cfg), "-detected=")
	flags.Detected = value
	write(t, filepath.Join(empty, "migrations/1_init.up.sql"), "SELECT 1;")
	if got, err := Load(empty); err != nil || len(got.Schema) != 0 {
		t.Fatalf("empty detection: %v %v", got.Schema, err)
	}
	// Configured sources are not a detection.
	write(t, filepath.Join(root, FileName), "schema: [db/migrations]\n")
	if cfg, err := Load(root); err != nil || DetectedFlagArg("", cfg) != "" {
		t.Fatalf("configured: %v %q", err, DetectedFlagArg("", cfg))
	}
}

func TestDependencyRoots(t *testing.T) {
	sep := string(filepath.Separator)
	for root, want := range map[string]bool{
		filepath.Join(build.Default.GOROOT, "src"):                                        true,
		filepath.Join(sep+"home", "u", "go", "pkg", "mod", "github.com", "a", "b@v1.2.3"): true,
		filepath.Join(sep+"home", "u", "go", "pkg", "mod", "gorm.io", "gorm@v1.31.2"):     true,
		filepath.Join(sep+"home", "u", "src", "app"):                                      false,
		filepath.Join(sep+"home", "u", "pkg", "mod", "app"):                               false,
		filepath.Join(build.Default.GOROOT, "src", "cmd"):                                 false,
		"": false,
	} {
		if got := isDependencyRoot(root); got != want {
			t.Errorf("isDependencyRoot(%q) = %v, want %v", root, got, want)
		}
	}
}
