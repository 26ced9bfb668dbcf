package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"go.yaml.in/yaml/v3"
)

// TestPreCommit runs the hooks of .pre-commit-hooks.yaml with the real
// pre-commit in a throwaway git repository: staged bad files make
// `git commit` fail with dblint's findings, fixed files commit.
//
// The hooks run as `repo: local` hooks with `language: system` and the
// entry pointed at a freshly built dblint: everything else (types, files,
// require_serial, the entry's arguments) is taken from the manifest as
// users get it. `language: golang` would `go install` the tagged module
// from its git remote, which needs the network and a release.
func TestPreCommit(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		skipOrFail(t, "pre-commit not found (apt-get install pre-commit)")
	}
	if _, err := exec.LookPath("git"); err != nil {
		skipOrFail(t, "git not found")
	}
	root := repoRoot(t)
	bin := dblint(t)

	manifest := filepath.Join(root, ".pre-commit-hooks.yaml")
	if out, err := exec.Command("pre-commit", "validate-manifest", manifest).CombinedOutput(); err != nil {
		t.Fatalf("pre-commit validate-manifest: %v\n%s", err, out)
	}
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, h := range hooks {
		ids[h["id"].(string)] = true
		entry := strings.Fields(h["entry"].(string))
		if entry[0] != "dblint" {
			t.Fatalf("hook %v: entry %q does not run dblint", h["id"], h["entry"])
		}
		h["entry"] = strings.Join(append([]string{bin}, entry[1:]...), " ")
		h["language"] = "system"
	}
	if !ids["dblint"] || !ids["dblint-migrations"] {
		t.Fatalf("manifest hooks %v, want dblint and dblint-migrations", ids)
	}
	config, err := yaml.Marshal(map[string]any{"repos": []any{map[string]any{"repo": "local", "hooks": hooks}}})
	if err != nil {
		t.Fatal(err)
	}

	ar, err := txtar.ParseFile("testdata/precommit.txtar")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	stage := func(prefix string) {
		for _, f := range ar.Files {
			name, ok := strings.CutPrefix(f.Name, prefix+"/")
			if !ok {
				continue
			}
			p := filepath.Join(repo, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	env := append(testEnv(t),
		"PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "pre-commit"),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=dblint", "GIT_AUTHOR_EMAIL=dblint@example.com",
		"GIT_COMMITTER_NAME=dblint", "GIT_COMMITTER_EMAIL=dblint@example.com",
	)
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(name string, args ...string) string {
		t.Helper()
		out, err := run(name, args...)
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return out
	}

	must("git", "init", "-q", "-b", "main")
	stage("clean")
	if err := os.WriteFile(filepath.Join(repo, ".pre-commit-config.yaml"), config, 0o644); err != nil {
		t.Fatal(err)
	}
	must("git", "add", "-A")
	must("git", "commit", "-q", "--no-verify", "-m", "clean")
	must("pre-commit", "install")

	// Bad files in two packages and a migration: the commit fails and
	// prints the findings.
	stage("bad")
	must("git", "add", "-A")
	out, err := run("git", "commit", "-m", "bad")
	if err == nil {
		t.Fatalf("git commit with bad files succeeded:\n%s", out)
	}
	for _, want := range []string{
		`store/store.go:12:41: column "emial" does not exist in "users"`,
		`api/api.go:11:32: DELETE on "users" has no WHERE clause`,
		`migrations/002_email_idx.up.sql:1:1: CREATE INDEX "users_email_idx" on "users" takes a SHARE lock`,
		"(migrationsafety/create-index-not-concurrently)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("git commit output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "Failed"); n != 2 {
		t.Errorf("want both hooks to fail, got %d failures:\n%s", n, out)
	}
	if t.Failed() {
		return
	}

	// Fixed: the commit goes through with both hooks passing.
	stage("fixed")
	must("git", "add", "-A")
	out = must("git", "commit", "-m", "fixed")
	if n := strings.Count(out, "Passed"); n != 2 {
		t.Errorf("want both hooks to pass:\n%s", out)
	}
}
