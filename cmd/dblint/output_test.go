package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGitHubFormat(t *testing.T) {
	fs := []Finding{
		{File: "a,b:c.go", Line: 3, Column: 5, EndLine: 3, EndColumn: 9, Analyzer: "querycheck", Rule: "unknown-column", Severity: "error", Message: "100% wrong\r\nreally"},
		{File: "m.sql", Line: 1, Column: 1, Analyzer: "migrationsafety", Rule: "prefer-jsonb", Severity: "info", Message: "a: b, c"},
		{File: "x.go", Line: 2, Column: 1, EndLine: 4, EndColumn: 2, Analyzer: "nplusone", Rule: "n-plus-one", Severity: "warning", Message: "m"},
	}
	var b bytes.Buffer
	if err := writeGitHub(&b, fs); err != nil {
		t.Fatal(err)
	}
	want := "::error file=a%2Cb%3Ac.go,line=3,col=5,endLine=3,endColumn=9,title=querycheck/unknown-column::100%25 wrong%0D%0Areally\n" +
		"::notice file=m.sql,line=1,col=1,title=migrationsafety/prefer-jsonb::a: b, c\n" +
		"::warning file=x.go,line=2,col=1,endLine=4,endColumn=2,title=nplusone/n-plus-one::m\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestSARIFSchema checks the output against what the SARIF 2.1.0 schema
// requires of the objects dblint writes (sarif-schema-2.1.0.json:
// "required" and enums), on a generic JSON tree so that a field the Go
// structs get wrong (a name, omitempty) is caught.
func TestSARIFSchema(t *testing.T) {
	dir := t.TempDir()
	// A multi-byte character before the column: SARIF columns count code
	// points (columnKind), Go's count bytes.
	abs := filepath.Join(dir, "ü.sql")
	if err := os.WriteFile(abs, []byte("-- é\nCREATE INDEX i ON t (c); -- é x\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	fs := []Finding{
		{File: "store.go", Line: 11, Column: 11, EndLine: 11, EndColumn: 20, Analyzer: "querycheck", Rule: "unknown-column", Severity: "error", Message: `column "emial" does not exist`, SuggestedFixes: []SuggestedFix{}},
		{File: abs, Line: 2, Column: 32, EndLine: 2, EndColumn: 33, Analyzer: "migrationsafety", Rule: "create-index-not-concurrently", Severity: "warning", Message: "m",
			SuggestedFixes: []SuggestedFix{{Message: "Add CONCURRENTLY", Edits: []Edit{{File: abs, Line: 2, Column: 13, EndLine: 2, EndColumn: 13, NewText: " CONCURRENTLY"}}}}},
		{File: "x.go", Line: 1, Column: 1, Analyzer: "unknown", Rule: "thing", Severity: "info", Message: "n"},
	}
	var b bytes.Buffer
	if err := writeSARIF(&b, fs); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	v := &sarifValidator{t: t}
	if log["version"] != "2.1.0" {
		t.Errorf("version = %v", log["version"])
	}
	if s, _ := log["$schema"].(string); !strings.HasPrefix(s, "https://") || !strings.Contains(s, "sarif-2.1.0") {
		t.Errorf("$schema = %v", log["$schema"])
	}
	runs := v.array(log, "runs", "log", 1)
	run := v.object(runs[0], "runs[0]")
	driver := v.object(v.object(v.field(run, "tool", "run"), "tool")["driver"], "tool.driver")
	v.str(driver, "name", "driver")
	v.str(driver, "version", "driver")
	if u := v.str(driver, "informationUri", "driver"); !strings.HasPrefix(u, "https://") {
		t.Errorf("informationUri = %q", u)
	}
	if ck := run["columnKind"]; ck != "unicodeCodePoints" && ck != "utf16CodeUnits" {
		t.Errorf("columnKind = %v", ck)
	}
	bases := v.object(v.field(run, "originalUriBaseIds", "run"), "originalUriBaseIds")
	srcRoot := v.object(bases["%SRCROOT%"], "%SRCROOT%")
	if u := v.str(srcRoot, "uri", "%SRCROOT%"); !strings.HasPrefix(u, "file:///") || !strings.HasSuffix(u, "/") {
		t.Errorf("%%SRCROOT%% uri = %q: want an absolute file URI ending in /", u)
	}
	rules := v.array(driver, "rules", "driver", len(allRules()))
	ruleIDs := map[string]bool{}
	for i, r := range rules {
		rule := v.object(r, "rule")
		id := v.str(rule, "id", "rule")
		if ruleIDs[id] {
			t.Errorf("rule %s listed twice", id)
		}
		ruleIDs[id] = true
		v.str(v.object(v.field(rule, "shortDescription", id), id), "text", id+".shortDescription")
		analyzer, name, _ := strings.Cut(id, "/")
		if h := v.str(rule, "helpUri", id); h != docsURL+"#"+analyzer+"-"+name {
			t.Errorf("rules[%d].helpUri = %q", i, h)
		}
		v.level(v.object(v.field(rule, "defaultConfiguration", id), id)["level"], id+".defaultConfiguration.level")
	}
	for _, r := range allRules() {
		if !ruleIDs[r.Analyzer+"/"+r.ID] {
			t.Errorf("rule %s/%s missing from tool.driver.rules", r.Analyzer, r.ID)
		}
	}
	results := v.array(run, "results", "run", len(fs))
	for i, r := range results {
		res := v.object(r, "result")
		ruleID := v.str(res, "ruleId", "result")
		if ruleID != fs[i].Analyzer+"/"+fs[i].Rule {
			t.Errorf("results[%d].ruleId = %q", i, ruleID)
		}
		if idx, ok := res["ruleIndex"].(float64); ok && v.str(v.object(rules[int(idx)], "rule"), "id", "rule") != ruleID {
			t.Errorf("results[%d].ruleIndex %v names another rule", i, idx)
		} else if !ok && ruleIDs[ruleID] {
			t.Errorf("results[%d] has no ruleIndex", i)
		}
		v.level(res["level"], "result.level")
		v.str(v.object(v.field(res, "message", "result"), "message"), "text", "result.message")
		for _, l := range v.array(res, "locations", "result", 1) {
			phys := v.object(v.object(l, "location")["physicalLocation"], "physicalLocation")
			v.artifactLocation(v.field(phys, "artifactLocation", "physicalLocation"), bases)
			v.region(phys["region"])
		}
		for _, f := range anyArray(res["fixes"]) {
			fix := v.object(f, "fix")
			v.str(v.object(v.field(fix, "description", "fix"), "description"), "text", "fix.description")
			for _, c := range v.array(fix, "artifactChanges", "fix", 1) {
				change := v.object(c, "artifactChange")
				v.artifactLocation(v.field(change, "artifactLocation", "artifactChange"), bases)
				for _, rp := range v.array(change, "replacements", "artifactChange", 1) {
					v.region(v.field(v.object(rp, "replacement"), "deletedRegion", "replacement"))
				}
			}
		}
	}
	// Locations: relative files against %SRCROOT%, others by file URI;
	// columns in code points.
	loc := func(i int) map[string]any {
		return results[i].(map[string]any)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	}
	if al := loc(0)["artifactLocation"].(map[string]any); al["uri"] != "store.go" || al["uriBaseId"] != "%SRCROOT%" {
		t.Errorf("results[0] artifactLocation = %v", al)
	}
	al := loc(1)["artifactLocation"].(map[string]any)
	if u, _ := al["uri"].(string); !strings.HasPrefix(u, "file:///") || !strings.HasSuffix(u, "/%C3%BC.sql") || al["uriBaseId"] != nil {
		t.Errorf("results[1] artifactLocation = %v", al)
	}
	if reg := loc(1)["region"].(map[string]any); reg["startColumn"] != 31.0 || reg["endColumn"] != 32.0 {
		t.Errorf("results[1] region = %v, want columns 31-32 (code points)", reg)
	}
	if fp, _ := results[1].(map[string]any)["partialFingerprints"].(map[string]any); fp[sarifFingerprint] == nil {
		t.Errorf("results[1] has no %s fingerprint", sarifFingerprint)
	}
}

type sarifValidator struct{ t *testing.T }

func (v *sarifValidator) field(o map[string]any, key, where string) any {
	v.t.Helper()
	x, ok := o[key]
	if !ok {
		v.t.Errorf("%s: required property %q missing", where, key)
	}
	return x
}

func (v *sarifValidator) object(x any, where string) map[string]any {
	v.t.Helper()
	o, ok := x.(map[string]any)
	if !ok {
		v.t.Errorf("%s: want an object, have %T", where, x)
		return map[string]any{}
	}
	return o
}

func (v *sarifValidator) str(o map[string]any, key, where string) string {
	v.t.Helper()
	s, ok := v.field(o, key, where).(string)
	if !ok || s == "" {
		v.t.Errorf("%s.%s: want a non-empty string, have %v", where, key, o[key])
	}
	return s
}

func (v *sarifValidator) array(o map[string]any, key, where string, min int) []any {
	v.t.Helper()
	a, ok := v.field(o, key, where).([]any)
	if !ok || len(a) < min {
		v.t.Errorf("%s.%s: want an array of at least %d, have %v", where, key, min, o[key])
	}
	return a
}

func (v *sarifValidator) level(x any, where string) {
	v.t.Helper()
	switch x {
	case "none", "note", "warning", "error":
	default:
		v.t.Errorf("%s = %v, not a SARIF level", where, x)
	}
}

func (v *sarifValidator) artifactLocation(x any, bases map[string]any) {
	v.t.Helper()
	al := v.object(x, "artifactLocation")
	uri := v.str(al, "uri", "artifactLocation")
	if base, ok := al["uriBaseId"].(string); ok {
		if bases[base] == nil {
			v.t.Errorf("uriBaseId %q not in originalUriBaseIds", base)
		}
		if strings.HasPrefix(uri, "/") || strings.Contains(uri, ":") {
			v.t.Errorf("uri %q with a uriBaseId must be relative", uri)
		}
	} else if !strings.HasPrefix(uri, "file:///") {
		v.t.Errorf("uri %q without uriBaseId must be absolute", uri)
	}
}

func (v *sarifValidator) region(x any) {
	v.t.Helper()
	r := v.object(x, "region")
	start, ok := r["startLine"].(float64)
	if !ok || start < 1 {
		v.t.Errorf("region.startLine = %v, want >= 1", r["startLine"])
	}
	for _, k := range []string{"startColumn", "endLine", "endColumn"} {
		if n, ok := r[k]; ok && n.(float64) < 1 {
			v.t.Errorf("region.%s = %v, want >= 1", k, n)
		}
	}
	if end, ok := r["endLine"].(float64); ok && end < start {
		v.t.Errorf("region ends (line %v) before it starts (line %v)", end, start)
	}
}

func anyArray(x any) []any {
	a, _ := x.([]any)
	return a
}
