package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// noRacyWindow trusts stamps of files written just now: the tests do not
// modify files within a clock tick of loading them.
func noRacyWindow(t testing.TB) {
	old := racyWindow
	racyWindow = 0
	t.Cleanup(func() { racyWindow = old })
}

type loadPath struct{ read, built int64 }

func loadCounting(t *testing.T, sources []string, opts Options) (*Result, loadPath) {
	t.Helper()
	r0, b0 := counts.read.Load(), counts.built.Load()
	res, err := Load(sources, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res, loadPath{counts.read.Load() - r0, counts.built.Load() - b0}
}

var (
	pathBuilt   = loadPath{1, 1} // read and built: a miss
	pathContent = loadPath{1, 0} // read, found by content
	pathFast    = loadPath{0, 0} // found by stamps, nothing read
)

func cacheFixture(t *testing.T) (string, Options) {
	t.Helper()
	dir := writeFiles(t, map[string]string{
		"1_users.up.sql":   "CREATE TABLE users (id int PRIMARY KEY, name text);\n",
		"1_users.down.sql": "DROP TABLE users;\n",
		"2_orders.up.sql":  "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users);\n",
	})
	return dir, Options{CacheDir: t.TempDir()}
}

func TestCacheHitAndMiss(t *testing.T) {
	noRacyWindow(t)
	dir, opts := cacheFixture(t)
	src := []string{dir}
	res, p := loadCounting(t, src, opts)
	if p != pathBuilt || res.Cached || len(res.Migrations) != 2 {
		t.Fatalf("first load: path %v cached %v", p, res.Cached)
	}
	want := snapshotOf(t, res.Catalog)

	res, p = loadCounting(t, src, opts)
	if p != pathFast || !res.Cached || res.Migrations != nil || len(res.Files) != 3 {
		t.Fatalf("second load: path %v cached %v migrations %d files %v", p, res.Cached, len(res.Migrations), res.Files)
	}
	if got := snapshotOf(t, res.Catalog); got != want {
		t.Fatalf("cached catalog differs:\n%s", lineDiff(want, got))
	}
	// The cached catalog is ready for more DDL.
	if err := res.Catalog.ApplySQL("x.sql", "CREATE TABLE more (id int); ALTER TABLE users ADD COLUMN x int;"); err != nil {
		t.Fatal(err)
	}

	// Migrations wanted: parsed, not applied.
	res, p = loadCounting(t, src, Options{CacheDir: opts.CacheDir, Migrations: true})
	if p != pathContent || !res.Cached || len(res.Migrations) != 2 {
		t.Fatalf("load with migrations: path %v cached %v migrations %d", p, res.Cached, len(res.Migrations))
	}

	// Same size, different content: a miss.
	f := filepath.Join(dir, "2_orders.up.sql")
	if err := os.WriteFile(f, []byte("CREATE TABLE ORDER_ (id int PRIMARY KEY, user_id int REFERENCES users);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, p = loadCounting(t, src, opts)
	if p != pathBuilt || res.Catalog.Table("", "order_") == nil {
		t.Fatalf("after an edit: path %v, tables %v", p, res.Catalog.Tables())
	}
	// Back to the old content: found by content, and the index follows.
	if err := os.WriteFile(f, []byte("CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, p = loadCounting(t, src, opts); p != pathContent {
		t.Fatalf("old content again: path %v", p)
	}
	if _, p = loadCounting(t, src, opts); p != pathFast {
		t.Fatalf("then: path %v", p)
	}
	// Only a stamp moved (touch): found by content.
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(f, past, past); err != nil {
		t.Fatal(err)
	}
	if _, p = loadCounting(t, src, opts); p != pathContent {
		t.Fatalf("after touch: path %v", p)
	}
	// A new file: a miss.
	if err := os.WriteFile(filepath.Join(dir, "3_x.up.sql"), []byte("CREATE TABLE x (id int);"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, p = loadCounting(t, src, opts); p != pathBuilt || res.Catalog.Table("", "x") == nil {
		t.Fatalf("after adding a file: path %v", p)
	}
	// A removed file: a miss, not the old catalog.
	if err := os.Remove(filepath.Join(dir, "3_x.up.sql")); err != nil {
		t.Fatal(err)
	}
	if res, p = loadCounting(t, src, opts); p != pathContent || res.Catalog.Table("", "x") != nil {
		t.Fatalf("after removing a file: path %v", p)
	}
}

func TestCacheRacyFilesAreRead(t *testing.T) {
	dir, opts := cacheFixture(t) // files written just now: within the racy window
	Load([]string{dir}, opts)
	if _, p := loadCounting(t, []string{dir}, opts); p != pathContent {
		t.Fatalf("fresh files must be read, not trusted by stamp: path %v", p)
	}
	entries, _ := filepath.Glob(filepath.Join(opts.CacheDir, "schema", "*.index"))
	if len(entries) != 0 {
		t.Errorf("index written for racy files: %v", entries)
	}
}

func TestCacheCorruptEntries(t *testing.T) {
	noRacyWindow(t)
	dir, opts := cacheFixture(t)
	res, _ := loadCounting(t, []string{dir}, opts)
	want := snapshotOf(t, res.Catalog)
	cats, _ := filepath.Glob(filepath.Join(opts.CacheDir, "schema", "*.catalog"))
	idxs, _ := filepath.Glob(filepath.Join(opts.CacheDir, "schema", "*.index"))
	if len(cats) != 1 || len(idxs) != 1 {
		t.Fatalf("entries: %v %v", cats, idxs)
	}
	for _, garbage := range []string{"", "not gob at all", "\x0f\xff\x81\x03\x01\x01\x0dcatalogHeader"} {
		if err := os.WriteFile(cats[0], []byte(garbage), 0o644); err != nil {
			t.Fatal(err)
		}
		res, p := loadCounting(t, []string{dir}, opts)
		if p != pathBuilt || res.Cached {
			t.Fatalf("corrupt catalog %q: path %v", garbage, p)
		}
		if got := snapshotOf(t, res.Catalog); got != want {
			t.Fatal("rebuilt catalog differs")
		}
		// Rewritten: the next load hits again.
		if _, p = loadCounting(t, []string{dir}, opts); p != pathFast {
			t.Fatalf("after rewrite: path %v", p)
		}
	}
	// A truncated catalog entry.
	data, _ := os.ReadFile(cats[0])
	os.WriteFile(cats[0], data[:len(data)/2], 0o644)
	if _, p := loadCounting(t, []string{dir}, opts); p != pathBuilt {
		t.Fatalf("truncated catalog: path %v", p)
	}
	// A corrupt index: found by content instead.
	os.WriteFile(idxs[0], []byte("garbage"), 0o644)
	if _, p := loadCounting(t, []string{dir}, opts); p != pathContent {
		t.Fatalf("corrupt index: path %v", p)
	}
	if _, p := loadCounting(t, []string{dir}, opts); p != pathFast {
		t.Fatalf("after index rewrite: path %v", p)
	}
	if tmp, _ := filepath.Glob(filepath.Join(opts.CacheDir, "schema", ".tmp-*")); len(tmp) != 0 {
		t.Errorf("temp files left: %v", tmp)
	}
}

func TestCacheOff(t *testing.T) {
	noRacyWindow(t)
	dir, opts := cacheFixture(t)
	t.Setenv("DBLINT_CACHE", "off")
	for range 2 {
		if res, p := loadCounting(t, []string{dir}, opts); p != pathBuilt || res.Cached {
			t.Fatalf("DBLINT_CACHE=off: path %v", p)
		}
	}
	t.Setenv("DBLINT_CACHE", "")
	opts.NoCache = true
	for range 2 {
		if _, p := loadCounting(t, []string{dir}, opts); p != pathBuilt {
			t.Fatalf("NoCache: path %v", p)
		}
	}
	if entries, _ := os.ReadDir(opts.CacheDir); len(entries) != 0 {
		t.Errorf("cache written while off: %v", entries)
	}
}

func TestCacheDirFromEnv(t *testing.T) {
	noRacyWindow(t)
	dir, _ := cacheFixture(t)
	env := t.TempDir()
	t.Setenv("DBLINT_CACHE_DIR", env)
	Load([]string{dir}, Options{})
	if _, p := loadCounting(t, []string{dir}, Options{}); p != pathFast {
		t.Fatalf("path %v", p)
	}
	if cats, _ := filepath.Glob(filepath.Join(env, "schema", "*.catalog")); len(cats) != 1 {
		t.Errorf("no entry under DBLINT_CACHE_DIR: %v", cats)
	}
}

func TestCacheKeyIncludesPathsAndKinds(t *testing.T) {
	noRacyWindow(t)
	a := writeFiles(t, map[string]string{"1_a.up.sql": "CREATE TABLE a (id int);"})
	b := writeFiles(t, map[string]string{"1_a.up.sql": "CREATE TABLE a (id int);"})
	opts := Options{CacheDir: t.TempDir()}
	ra, _ := loadCounting(t, []string{a}, opts)
	rb, p := loadCounting(t, []string{b}, opts)
	if p != pathBuilt {
		t.Fatalf("same content elsewhere must not share the entry (sources name their files): path %v", p)
	}
	if ra.Catalog.Table("", "a").Source.File == rb.Catalog.Table("", "a").Source.File {
		t.Error("sources should differ")
	}
}

func TestFailedLoadIsNotCached(t *testing.T) {
	noRacyWindow(t)
	dir := writeFiles(t, map[string]string{"1_a.up.sql": "ALTER TABLE nope ADD COLUMN x int;"})
	opts := Options{CacheDir: t.TempDir()}
	for range 2 {
		if _, err := Load([]string{dir}, opts); err == nil || !strings.Contains(err.Error(), `"nope" does not exist`) {
			t.Fatalf("err = %v", err)
		}
	}
	if entries, _ := filepath.Glob(filepath.Join(opts.CacheDir, "schema", "*")); len(entries) != 0 {
		t.Errorf("entries after a failed load: %v", entries)
	}
}

func TestCacheFilesOnFastPath(t *testing.T) {
	noRacyWindow(t)
	dir := writeFiles(t, map[string]string{
		"base.json":        `{"tables": [{"name": "a", "columns": [{"name": "id", "type": "int4"}]}]}`,
		"m/1_b.up.sql":     "ALTER TABLE a ADD COLUMN b int;",
		"m/README.md":      "ignored",
		"empty/.keep":      "",
		"schema/extra.sql": "CREATE TABLE c (id int);",
	})
	src := []string{filepath.Join(dir, "base.json"), filepath.Join(dir, "m"), filepath.Join(dir, "empty"), filepath.Join(dir, "schema", "extra.sql")}
	opts := Options{CacheDir: t.TempDir()}
	first, p := loadCounting(t, src, opts)
	if p != pathBuilt {
		t.Fatalf("path %v", p)
	}
	second, p := loadCounting(t, src, opts)
	if p != pathFast {
		t.Fatalf("path %v", p)
	}
	if strings.Join(first.Files, ",") != strings.Join(second.Files, ",") || len(first.Files) != 3 {
		t.Errorf("files: built %v, cached %v", first.Files, second.Files)
	}
	if snapshotOf(t, first.Catalog) != snapshotOf(t, second.Catalog) {
		t.Error("catalogs differ")
	}
}

func TestCacheTrust(t *testing.T) {
	noRacyWindow(t)
	dir, opts := cacheFixture(t)
	src := []string{dir}
	trusted := func(fp string, record bool) (*Result, loadPath, int64) {
		t.Helper()
		s0 := counts.stamped.Load()
		o := opts
		o.Trust, o.RecordTrust = fp, record
		res, p := loadCounting(t, src, o)
		return res, p, counts.stamped.Load() - s0
	}
	// Nothing recorded for the fingerprint: the usual paths.
	if _, p, _ := trusted("fp1", false); p != pathBuilt {
		t.Fatalf("first load: path %v", p)
	}
	if _, p, stamped := trusted("fp1", false); p != pathFast || stamped != 1 {
		t.Fatalf("unrecorded fingerprint: path %v, stamp checks %d", p, stamped)
	}
	// Recorded (by the CLI), then used without a stamp check.
	if _, p, _ := trusted("fp1", true); p != pathFast {
		t.Fatalf("recording load: path %v", p)
	}
	res, p, stamped := trusted("fp1", false)
	if p != pathFast || stamped != 0 || !res.Cached || len(res.Files) != 3 {
		t.Fatalf("trusted load: path %v, stamp checks %d, cached %v, files %v", p, stamped, res.Cached, res.Files)
	}
	want := snapshotOf(t, res.Catalog)
	// An edit comes with a new fingerprint: the old entry is not used.
	f := filepath.Join(dir, "2_orders.up.sql")
	if err := os.WriteFile(f, []byte("CREATE TABLE order_ (id int PRIMARY KEY);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, p, _ := trusted("fp2", true); p != pathBuilt || res.Catalog.Table("", "order_") == nil {
		t.Fatalf("after an edit, new fingerprint: path %v", p)
	}
	if res, _, stamped := trusted("fp2", false); stamped != 0 || res.Catalog.Table("", "order_") == nil {
		t.Fatalf("trusted load after the edit: stamp checks %d", stamped)
	}
	// The old fingerprint's entry still names the old catalog: trust is
	// the caller's promise that the fingerprint covers the contents.
	if res, _, _ := trusted("fp1", false); snapshotOf(t, res.Catalog) != want {
		t.Fatal("fp1 no longer gives its own catalog")
	}
	// Other sources never share an entry.
	other := writeFiles(t, map[string]string{"1_x.up.sql": "CREATE TABLE x (id int);\n"})
	o := opts
	o.Trust = "fp2"
	r, err := Load([]string{other}, o)
	if err != nil || r.Catalog.Table("", "x") == nil {
		t.Fatalf("other sources with the same fingerprint: %v", err)
	}
	// A corrupt trusted entry falls back to the usual paths.
	ents, _ := filepath.Glob(filepath.Join(opts.CacheDir, "schema", "*.trusted"))
	if len(ents) == 0 {
		t.Fatal("no trusted entry written")
	}
	for _, e := range ents {
		if err := os.WriteFile(e, []byte("not gob"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if res, _, stamped := trusted("fp2", false); stamped != 1 || res.Catalog.Table("", "order_") == nil {
		t.Fatalf("corrupt trusted entry: stamp checks %d", stamped)
	}
	// Without the cache there is nothing to trust.
	o = Options{NoCache: true, Trust: "fp2"}
	if r, err := Load(src, o); err != nil || r.Cached {
		t.Fatalf("no cache: cached %v, err %v", r.Cached, err)
	}
}
