package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestGoVet runs `go vet -vettool=dblint -json ./...` on examples/shop:
// one dblint process per package, with dbfacts' facts carried between
// them by go vet, so the N+1 in package api through store.GetCustomer is
// found as in one process. The findings equal dblint -format json's,
// migration findings included: the package that owns the module's
// migrations reports them in both drivers.
func TestGoVet(t *testing.T) {
	root := repoRoot(t)
	shop := filepath.Join(root, "examples", "shop")
	env := testEnv(t)
	cmd := exec.Command("go", "vet", "-vettool="+dblint(t), "-json", "./...")
	cmd.Dir, cmd.Env = shop, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go vet -vettool=dblint -json ./...: %v\n%s", err, stderr.String())
	}
	// Go 1.26 writes -json output to stdout; older releases to stderr.
	got := append(vetFindings(t, stdout.Bytes()), vetFindings(t, stderr.Bytes())...)
	want := dblintFindings(t, shop, env)
	if !hasFinding(got, "nplusone", "api.go") {
		t.Errorf("go vet: no cross-package N+1 in api.go")
	}
	compareFindings(t, "go vet -vettool=dblint", got, want)
}

// vetFindings reads go vet -json output: "# pkg" lines, then one JSON
// object per package, {pkg: {analyzer: [{posn, message, category}]}}.
// A package and its test variant share files, so findings repeat.
func vetFindings(t *testing.T, out []byte) []finding {
	t.Helper()
	var body bytes.Buffer
	for _, l := range strings.SplitAfter(string(out), "\n") {
		if !strings.HasPrefix(l, "#") {
			body.WriteString(l)
		}
	}
	posn := regexp.MustCompile(`^(.*):(\d+):(\d+)$`)
	var fs []finding
	dec := json.NewDecoder(&body)
	for {
		var pkgs map[string]map[string]json.RawMessage
		if err := dec.Decode(&pkgs); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go vet -json output: %v\n%s", err, out)
		}
		for _, byAnalyzer := range pkgs {
			for analyzer, raw := range byAnalyzer {
				var diags []struct {
					Posn     string `json:"posn"`
					Message  string `json:"message"`
					Category string `json:"category"`
				}
				if err := json.Unmarshal(raw, &diags); err != nil {
					// {"error": "..."}: an analyzer failed.
					t.Errorf("go vet: %s: %s", analyzer, raw)
					continue
				}
				for _, d := range diags {
					m := posn.FindStringSubmatch(d.Posn)
					if m == nil {
						t.Errorf("go vet: position %q", d.Posn)
						continue
					}
					line, _ := strconv.Atoi(m[2])
					col, _ := strconv.Atoi(m[3])
					fs = append(fs, finding{File: m[1], Line: line, Column: col, Analyzer: analyzer, Rule: d.Category, Message: d.Message})
				}
			}
		}
	}
	return fs
}
