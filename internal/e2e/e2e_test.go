package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// requireE2E reports whether a missing prerequisite is a failure.
func requireE2E() bool { return os.Getenv("DBLINT_REQUIRE_E2E") != "" }

// skipOrFail skips the test, or fails it under DBLINT_REQUIRE_E2E.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if requireE2E() {
		t.Fatalf("%s (DBLINT_REQUIRE_E2E is set)", msg)
	}
	t.Skip(msg)
}

// repoRoot is the dblint repository: two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "cmd", "dblint")); err != nil {
		t.Fatalf("not the dblint repository: %s", root)
	}
	return root
}

func needGo(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		skipOrFail(t, "go command not found")
	}
}

var dblintBin struct {
	once sync.Once
	path string
	err  error
}

// dblint builds cmd/dblint once per test binary and returns its path.
func dblint(t *testing.T) string {
	t.Helper()
	needGo(t)
	dblintBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "dblint-e2e-bin")
		if err != nil {
			dblintBin.err = err
			return
		}
		dblintBin.path = filepath.Join(dir, "dblint")
		cmd := exec.Command("go", "build", "-o", dblintBin.path, "./cmd/dblint")
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			dblintBin.err = fmt.Errorf("go build ./cmd/dblint: %v\n%s", err, out)
		}
	})
	if dblintBin.err != nil {
		t.Fatal(dblintBin.err)
	}
	return dblintBin.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if dblintBin.path != "" {
		os.RemoveAll(filepath.Dir(dblintBin.path))
	}
	os.Exit(code)
}

// testEnv is the environment for the tools under test: dblint's schema
// cache and golangci-lint's cache in the test's temp dir, the go command's
// build cache shared (cold builds take minutes).
func testEnv(t *testing.T) []string {
	tmp := t.TempDir()
	return append(os.Environ(),
		"DBLINT_CACHE_DIR="+filepath.Join(tmp, "dblint-cache"),
		"GOLANGCI_LINT_CACHE="+filepath.Join(tmp, "golangci-cache"),
		"GOTOOLCHAIN=local",
	)
}

// finding is what every driver can say about a finding: where, which
// analyzer and rule, what. golangci-lint drops the rule id
// (Diagnostic.Category): its comparison clears Rule on both sides and
// relies on the message.
type finding struct {
	File     string // absolute
	Line     int
	Column   int
	Analyzer string
	Rule     string // empty where the driver does not report it
	Message  string
}

func (f finding) key() string {
	return fmt.Sprintf("%s:%d:%d: %s/%s: %s", f.File, f.Line, f.Column, f.Analyzer, f.Rule, f.Message)
}

func (f finding) String() string {
	if f.Rule != "" {
		return fmt.Sprintf("%s:%d:%d: %s (%s/%s)", f.File, f.Line, f.Column, f.Message, f.Analyzer, f.Rule)
	}
	return fmt.Sprintf("%s:%d:%d: %s (%s)", f.File, f.Line, f.Column, f.Message, f.Analyzer)
}

// dblintFindings runs `dblint -format json ./...` in dir.
func dblintFindings(t *testing.T, dir string, env []string) []finding {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, dblint(t), "-format", "json", "./...")
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("dblint -format json ./...: %v\n%s", err, stderr.String())
	}
	var raw []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Analyzer string `json:"analyzer"`
		Rule     string `json:"rule"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatalf("dblint JSON: %v\n%s", err, out)
	}
	var fs []finding
	for _, r := range raw {
		file := r.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		fs = append(fs, finding{File: file, Line: r.Line, Column: r.Column, Analyzer: r.Analyzer, Rule: r.Rule, Message: r.Message})
	}
	return fs
}

// compareFindings fails unless got and want hold the same findings (by
// file, line, column, analyzer, rule and message), listing the differences.
func compareFindings(t *testing.T, gotName string, got, want []finding) {
	t.Helper()
	g, w := map[string]finding{}, map[string]finding{}
	for _, f := range got {
		g[f.key()] = f
	}
	for _, f := range want {
		w[f.key()] = f
	}
	var missing, extra []string
	for k, f := range w {
		if _, ok := g[k]; !ok {
			missing = append(missing, f.String())
		}
	}
	for k, f := range g {
		if _, ok := w[k]; !ok {
			extra = append(extra, f.String())
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("%s misses %d findings of dblint -format json:\n\t%s", gotName, len(missing), strings.Join(missing, "\n\t"))
	}
	if len(extra) > 0 {
		t.Errorf("%s has %d findings dblint -format json has not:\n\t%s", gotName, len(extra), strings.Join(extra, "\n\t"))
	}
}

// hasFinding reports whether fs holds a finding of analyzer in a file
// named base.
func hasFinding(fs []finding, analyzer, base string) bool {
	for _, f := range fs {
		if f.Analyzer == analyzer && filepath.Base(f.File) == base {
			return true
		}
	}
	return false
}
