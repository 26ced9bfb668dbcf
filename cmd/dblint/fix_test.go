package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func edit(file string, off, end int, text string) Edit {
	return Edit{File: file, Offset: off, EndOffset: end, NewText: text}
}

func fixFinding(msg string, edits ...Edit) Finding {
	return Finding{Message: msg, SuggestedFixes: []SuggestedFix{{Message: "Fix", Edits: edits}}}
}

func TestPlanFixesOverlap(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.sql")
	if err := os.WriteFile(a, []byte("0123456789"), 0o666); err != nil {
		t.Fatal(err)
	}
	fs := []Finding{
		fixFinding("replace 2-5", edit(a, 2, 5, "x")),
		fixFinding("inside 2-5: skipped", edit(a, 3, 4, "y")),
		fixFinding("insert inside 2-5: skipped", edit(a, 4, 4, "y")),
		fixFinding("touching 5-6: taken", edit(a, 5, 6, "z")),
		fixFinding("insert at 8", edit(a, 8, 8, "I")),
		fixFinding("other insert at 8: skipped", edit(a, 8, 8, "J")),
		fixFinding("same insert at 8: taken once", edit(a, 8, 8, "I")),
		fixFinding("two edits, one overlapping: whole fix skipped", edit(a, 0, 1, "S"), edit(a, 5, 6, "w")),
		fixFinding("insert at 0: taken", edit(a, 0, 0, "<")),
		{Message: "no fix"},
		fixFinding("replace 9-10: taken", edit(a, 9, 10, "!")),
	}
	p, err := planFixes(fs)
	if err != nil {
		t.Fatal(err)
	}
	if p.skipped != 4 {
		t.Errorf("skipped %d, want 4", p.skipped)
	}
	if got, want := string(p.result(a)), "<01xz67I8!"; got != want {
		t.Errorf("result %q, want %q", got, want)
	}
	var left []string
	for _, f := range p.remaining(fs) {
		left = append(left, f.Message)
	}
	if want := []string{"inside 2-5: skipped", "insert inside 2-5: skipped", "other insert at 8: skipped", "two edits, one overlapping: whole fix skipped", "no fix"}; strings.Join(left, "|") != strings.Join(want, "|") {
		t.Errorf("remaining %q", left)
	}
	bad := []Finding{fixFinding("beyond the end", edit(a, 5, 50, ""))}
	if p, err := planFixes(bad); err != nil || p.invalid != 1 || len(p.files) != 0 {
		t.Errorf("an edit beyond the file: %+v, %v", p, err)
	}
}

func TestUnifiedDiff(t *testing.T) {
	src := "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\nl13\nl14\nl15\nl16"
	off := func(line int) int { // offset of the start of a 1-based line
		return len(strings.Join(splitLines(src)[:line-1], ""))
	}
	for _, tc := range []struct {
		name  string
		edits []Edit
		want  string
	}{
		{
			"change in a line",
			[]Edit{edit("f", off(5)+1, off(5)+2, "X")},
			"@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+lX\n l6\n l7\n l8\n",
		},
		{
			"insert a line, delete a line, two hunks",
			[]Edit{edit("f", off(2), off(2), "new\n"), edit("f", off(12), off(13), "")},
			"@@ -1,4 +1,5 @@\n l1\n+new\n l2\n l3\n l4\n" +
				"@@ -9,7 +10,6 @@\n l9\n l10\n l11\n-l12\n l13\n l14\n l15\n",
		},
		{
			"append at the end, no newline",
			[]Edit{edit("f", len(src), len(src), "\nl17")},
			"@@ -13,4 +13,5 @@\n l13\n l14\n l15\n-l16\n\\ No newline at end of file\n+l16\n+l17\n\\ No newline at end of file\n",
		},
		{
			"insert at the start",
			[]Edit{edit("f", 0, 0, "l0\n")},
			"@@ -1,3 +1,4 @@\n+l0\n l1\n l2\n l3\n",
		},
	} {
		got := unifiedDiff("f", []byte(src), tc.edits)
		want := "--- a/f\n+++ b/f\n" + tc.want
		if got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
		checkWithPatch(t, tc.name, src, got, tc.edits)
	}
}

func TestUnifiedDiffEmptyFile(t *testing.T) {
	edits := []Edit{edit("f", 0, 0, "SET lock_timeout = '5s';\n")}
	got := unifiedDiff("f", nil, edits)
	if want := "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+SET lock_timeout = '5s';\n"; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	checkWithPatch(t, "empty file", "", got, edits)
}

// checkWithPatch applies the diff with patch(1), when there is one, and
// compares with the edits applied directly.
func checkWithPatch(t *testing.T, name, src, diff string, edits []Edit) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p1", "-s")
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s: patch: %v\n%s", name, err, out)
		return
	}
	got, _ := os.ReadFile(filepath.Join(dir, "f"))
	p := &fixPlan{files: map[string][]Edit{"f": edits}, src: map[string][]byte{"f": []byte(src)}}
	if want := p.result("f"); string(got) != string(want) {
		t.Errorf("%s: patched file %q, want %q", name, got, want)
	}
}
