package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestGolangciLint builds golangci-lint-dblint from the golangci module
// (golangci-lint from the module proxy, dblint from this checkout through
// the module's replace) and runs it on examples/shop with
// .golangci.example.yml: the same Go findings as dblint -format json.
//
// golangci-lint drops findings outside .go files (its invalid_issue
// processor keeps only .go and go.mod), so the migration findings dblint
// reports at .sql statements are not expected there; the test checks
// that exactly those are missing.
func TestGolangciLint(t *testing.T) {
	root := repoRoot(t)
	needGo(t)
	env := testEnv(t)
	bin := filepath.Join(t.TempDir(), "golangci-lint-dblint")

	// A cold build compiles golangci-lint's ~200 modules: minutes. Leave
	// a minute of the test binary's -timeout for the rest.
	budget := 20 * time.Minute
	if dl, ok := t.Deadline(); ok {
		budget = min(budget, time.Until(dl)-time.Minute)
	}
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	start := time.Now()
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/golangci-lint-dblint")
	build.Dir = filepath.Join(root, "golangci")
	build.Env = env
	out, err := build.CombinedOutput()
	if err != nil {
		if ctx.Err() != nil {
			t.Fatalf("go build ./cmd/golangci-lint-dblint: no binary after %v (cold builds take minutes; run with a larger -timeout)", budget.Round(time.Second))
		}
		if perr := proxyReachable(root); perr != nil {
			skipOrFail(t, "module proxy unreachable (%v); go build ./cmd/golangci-lint-dblint: %v\n%s", perr, err, out)
		}
		t.Fatalf("go build ./cmd/golangci-lint-dblint: %v\n%s", err, out)
	}
	t.Logf("built golangci-lint-dblint in %v", time.Since(start).Round(time.Second))

	shop := filepath.Join(root, "examples", "shop")
	report := filepath.Join(t.TempDir(), "report.json")
	lint := exec.Command(bin, "run",
		"-c", filepath.Join(root, ".golangci.example.yml"),
		"--path-mode", "abs", "--show-stats=false",
		"--output.json.path", report, "--output.text.path", "stderr",
		"./...")
	lint.Dir, lint.Env = shop, env
	out, err = lint.CombinedOutput()
	if err != nil && lint.ProcessState.ExitCode() != 1 {
		t.Fatalf("golangci-lint-dblint run: %v\n%s", err, out)
	}
	got := golangciFindings(t, report)

	want := dblintFindings(t, shop, env)
	var goWant []finding
	for _, f := range want {
		if strings.HasSuffix(f.File, ".go") {
			f.Rule = "" // golangci-lint does not report it
			goWant = append(goWant, f)
		} else {
			t.Logf("not reported by golangci-lint (not a .go file): %s", f)
		}
	}
	if !hasFinding(goWant, "nplusone", "api.go") || !hasFinding(goWant, "querycheck", "store.go") {
		t.Fatalf("examples/shop changed: dblint no longer reports the cross-package N+1 in api.go and querycheck findings in store.go:\n%v", want)
	}
	compareFindings(t, "golangci-lint-dblint", got, goWant)
}

// golangciFindings reads golangci-lint's JSON report. A linter with
// several analyzers prefixes each message with "<analyzer>: ".
func golangciFindings(t *testing.T, path string) []finding {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("golangci-lint JSON: %v\n%s", err, data)
	}
	var fs []finding
	for _, is := range rep.Issues {
		if is.FromLinter != "dblint" {
			t.Errorf("issue from linter %q: %s", is.FromLinter, is.Text)
			continue
		}
		analyzer, msg, ok := strings.Cut(is.Text, ": ")
		if !ok {
			t.Errorf("issue text without an analyzer prefix: %q", is.Text)
			continue
		}
		fs = append(fs, finding{File: is.Pos.Filename, Line: is.Pos.Line, Column: is.Pos.Column, Analyzer: analyzer, Message: msg})
	}
	return fs
}

// proxyReachable asks the first proxy in GOPROXY for the golangci-lint
// version the golangci module requires.
func proxyReachable(root string) error {
	out, err := exec.Command("go", "env", "GOPROXY").Output()
	if err != nil {
		return err
	}
	mod, err := os.ReadFile(filepath.Join(root, "golangci", "go.mod"))
	if err != nil {
		return err
	}
	m := regexp.MustCompile(`github\.com/golangci/golangci-lint/v2 (v\S+)`).FindSubmatch(mod)
	if m == nil {
		return fmt.Errorf("golangci/go.mod does not require golangci-lint/v2")
	}
	for _, p := range strings.FieldsFunc(strings.TrimSpace(string(out)), func(r rune) bool { return r == ',' || r == '|' }) {
		switch p {
		case "off":
			return fmt.Errorf("GOPROXY=off")
		case "direct":
			return nil // cannot tell without the network; assume reachable
		}
		client := &http.Client{Timeout: 15 * time.Second}
		resp, err := client.Get(strings.TrimSuffix(p, "/") + "/github.com/golangci/golangci-lint/v2/@v/" + string(m[1]) + ".info")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: %s", p, resp.Status)
		}
		return nil
	}
	return nil
}
