package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestPrecommitPackagesOfFiles(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"go.mod", "a/x.go", "a/y.go", "b/c/z.go", "main.go",
		"a/testdata/src/p/p.go", "_tools/t.go", ".hidden/h.go",
		"sub/go.mod", "sub/store/s.go", "b/testdata/mod/go.mod", "b/testdata/mod/m.go",
	} {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("package x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := packagesOfFiles(root, []string{
		"a/x.go", "b/c/z.go", "a/y.go", "main.go",
		"a/testdata/src/p/p.go", "_tools/t.go", ".hidden/h.go",
		"sub/store/s.go", filepath.Join(root, "b/c/z.go"), "b/testdata/mod/m.go",
	})
	want := []moduleGroup{
		{root: root, patterns: []string{"./a", "./b/c", "."}},
		{root: filepath.Join(root, "sub"), patterns: []string{"./store"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("packagesOfFiles:\ngot  %+v\nwant %+v", got, want)
	}

	t.Chdir(root)
	rest, files := splitFileArgs([]string{"-format", "json", "./b/...", "a/x.go", "main.go"})
	if !reflect.DeepEqual(rest, []string{"-format", "json", "./b/..."}) || !reflect.DeepEqual(files, []string{"a/x.go", "main.go"}) {
		t.Errorf("splitFileArgs: %q %q", rest, files)
	}
	// A .go name that is not a file is a package pattern, left alone.
	if rest, files := splitFileArgs([]string{"./nope.go"}); len(files) != 0 || len(rest) != 1 {
		t.Errorf("splitFileArgs(nope.go): %q %q", rest, files)
	}
}
