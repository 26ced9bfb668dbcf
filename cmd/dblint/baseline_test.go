package main

import (
	"path/filepath"
	"testing"
)

func TestNormalizeMessage(t *testing.T) {
	for in, want := range map[string]string{
		`SQL text includes parameter "sortBy" (fmt.Sprintf at line 31); choose it`: `SQL text includes parameter "sortBy" (fmt.Sprintf at line N); choose it`,
		`renamed to "full_name" by migrations/000002_order_items.up.sql:8`:         `renamed to "full_name" by migrations/000002_order_items.up.sql:N`,
		`loop at store.go:42:3 over   rows`:                                        `loop at store.go:N:N over rows`,
		`lines 3-5 and Line 7`:                                                     `lines N and Line N`,
		`query on "orders" filters by "customer_id"; use $1 and 10s lock_timeout`:  `query on "orders" filters by "customer_id"; use $1 and 10s lock_timeout`,
	} {
		if got := normalizeMessage(in); got != want {
			t.Errorf("normalizeMessage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBaselineFilter(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "baseline.json")
	f := func(file string, line int, msg string) Finding {
		return Finding{File: filepath.Join(dir, file), Line: line, Analyzer: "sqlinjection", Rule: "sql-built-from-input", Message: msg}
	}
	old := []Finding{
		f("a.go", 10, "text includes x (at line 9)"),
		f("a.go", 20, "text includes x (at line 19)"),
		f("b.go", 5, "text includes y"),
	}
	if err := writeBaselineFile(name, old); err != nil {
		t.Fatal(err)
	}
	b, err := readBaselineFile(name)
	if err != nil {
		t.Fatal(err)
	}
	now := []Finding{
		f("a.go", 12, "text includes x (at line 11)"), // shifted
		f("a.go", 22, "text includes x (at line 21)"), // shifted
		f("a.go", 30, "text includes x (at line 29)"), // a third: new
		f("b.go", 5, "text includes z"),               // new
	}
	kept, hidden := b.filter(now)
	if hidden != 2 || len(kept) != 2 || kept[0].Line != 30 || kept[1].Message != "text includes z" {
		t.Errorf("filter: hidden %d, kept %+v", hidden, kept)
	}
}
