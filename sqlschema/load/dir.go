package load

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/dblint/dblint/sqlschema"
)

// Migration formats, as Migration.Format and DetectFormat name them.
const (
	GolangMigrate = "golang-migrate"
	Goose         = "goose"
	Dbmate        = "dbmate"
	Tern          = "tern"
	SQLMigrate    = "sql-migrate"
	Atlas         = "atlas"
	Flyway        = "flyway"
	// Pop is gobuffalo/pop (ory/pop) SQL migrations: NNN_name.up.sql for
	// every database beside NNN_name.<dialect>.up.sql for one; the
	// PostgreSQL ones are taken, a dialect's file over the generic one.
	Pop    = "pop"
	Plain  = "plain"
	PgDump = "pg_dump"
)

// srcFile is one file of a source, read.
type srcFile struct {
	name string // the name inside its directory
	path string // the path as Source.File and errors give it
	data string
	st   stamp
}

// listing is a migration directory, read.
type listing struct {
	path  string
	st    stamp
	files []*srcFile // sorted by name
}

func (l *listing) file(name string) *srcFile {
	for _, f := range l.files {
		if f.name == name {
			return f
		}
	}
	return nil
}

// relevant reports whether a file in a migration directory is part of the
// schema or decides its format: SQL files, atlas.sum, tern.conf and
// Flyway's per-script .sql.conf.
func relevant(name string) bool {
	return strings.HasSuffix(name, ".sql") || strings.HasSuffix(name, ".sql.conf") ||
		name == "atlas.sum" || name == "tern.conf"
}

// readListing reads the relevant files of dir. Subdirectories are not
// descended into: no supported tool does.
func readListing(dir string) (*listing, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("schema source %s: %w", dir, unwrapPath(err))
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("schema source %s: not a directory", dir)
	}
	l := &listing{path: dir, st: stampOf(fi)}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("schema source %s: %w", dir, unwrapPath(err))
	}
	for _, e := range entries {
		if !relevant(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		fi, err := os.Stat(p) // follows symlinks: the target's contents count
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", p, unwrapPath(err))
		}
		if !fi.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", p, unwrapPath(err))
		}
		l.files = append(l.files, &srcFile{name: e.Name(), path: p, data: string(data), st: stampOf(fi)})
	}
	return l, nil
}

// unwrapPath drops the *fs.PathError wrapper, whose message repeats the
// path the caller already names, keeping errors.Is working.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Dir reads the migrations of a directory in the format DetectFormat
// finds, parsed and ordered by version. A file that does not parse is a
// *sqlschema.Error at the parser's file:line:column.
//
// Results are kept for the process, keyed by the directory's contents:
// several analyzers read the same migrations in one package (the lock
// rules, the schema design review), and parsing a long history is the
// expensive part. The Migrations are shared: do not modify them; the
// slice is the caller's.
func Dir(path string) ([]*sqlschema.Migration, error) {
	l, err := readListing(path)
	if err != nil {
		return nil, err
	}
	h := keyHash()
	h.str(path)
	for _, f := range l.files {
		h.str(f.name)
		h.str(f.data)
	}
	key := h.sum()
	dirCache.Lock()
	e := dirCache.m[key]
	if e == nil {
		if dirCache.m == nil || len(dirCache.m) > 64 {
			dirCache.m = map[string]*dirEntry{}
		}
		e = &dirEntry{}
		dirCache.m[key] = e
	}
	dirCache.Unlock()
	e.once.Do(func() { e.migs, e.err = l.migrations() })
	if e.err != nil {
		return nil, e.err
	}
	return append([]*sqlschema.Migration(nil), e.migs...), nil
}

var dirCache struct {
	sync.Mutex
	m map[string]*dirEntry
}

type dirEntry struct {
	once sync.Once
	migs []*sqlschema.Migration
	err  error
}

// DetectFormat names the migration tool a directory is written for:
// golang-migrate, goose, dbmate, tern, sql-migrate, atlas, flyway, or plain
// (ordered .sql files). It looks at file names first (atlas.sum,
// NNN_x.up.sql, V1__x.sql, tern.conf), then at the annotations inside the
// files. Annotations of two tools in one directory are an error.
func DetectFormat(dir string) (string, error) {
	l, err := readListing(dir)
	if err != nil {
		return "", err
	}
	return l.format()
}

var (
	reMigrate = regexp.MustCompile(`^([0-9]+)_(.*)\.(up|down)\.sql$`)
	reFlyway  = regexp.MustCompile(`^([VUB])([0-9]+(?:[._][0-9]+)*)__(.*)\.sql$`)
	reRepeat  = regexp.MustCompile(`^R__(.+)\.sql$`)
	reLeading = regexp.MustCompile(`^([0-9]+)(?:[_\-.](.*))?\.sql$`)
	rePop     = regexp.MustCompile(`^([0-9]+)_([^.]+)\.([a-z0-9]+)\.(up|down)\.(sql|fizz)$`)
)

// popDialects are the dialect names pop accepts in a file name, with the
// database each means.
var popDialects = map[string]string{
	"postgres": "postgres", "postgresql": "postgres", "pg": "postgres",
	"cockroach": "cockroach", "cockroachdb": "cockroach", "crdb": "cockroach",
	"mysql": "mysql", "mariadb": "mysql", "sqlite": "sqlite3", "sqlite3": "sqlite3",
}

func (l *listing) format() (string, error) {
	if l.file("atlas.sum") != nil {
		return Atlas, nil
	}
	var gm, fw *srcFile
	for _, f := range l.files {
		if m := rePop.FindStringSubmatch(f.name); m != nil && popDialects[m[3]] != "" {
			return Pop, nil
		}
	}
	for _, f := range l.files {
		switch {
		case gm == nil && reMigrate.MatchString(f.name):
			gm = f
		case fw == nil && (reFlyway.MatchString(f.name) || reRepeat.MatchString(f.name)):
			fw = f
		}
	}
	switch {
	case gm != nil && fw != nil:
		return "", fmt.Errorf("%s: mixes golang-migrate (%s) and flyway (%s) file names", l.path, gm.name, fw.name)
	case gm != nil:
		return GolangMigrate, nil
	case fw != nil:
		return Flyway, nil
	case l.file("tern.conf") != nil:
		return Tern, nil
	}
	found := map[string]*srcFile{}
	var kinds []string
	for _, f := range l.files {
		if !strings.HasSuffix(f.name, ".sql") {
			continue
		}
		if k := annotationKind(f.data); k != "" && found[k] == nil {
			found[k] = f
			kinds = append(kinds, k)
		}
	}
	switch len(kinds) {
	case 0:
		return Plain, nil
	case 1:
		return kinds[0], nil
	}
	return "", fmt.Errorf("%s: mixes %s annotations (%s) and %s annotations (%s)",
		l.path, kinds[0], found[kinds[0]].name, kinds[1], found[kinds[1]].name)
}

// annotationKind returns the tool whose annotation comments src has.
func annotationKind(src string) string {
	for line := range strings.Lines(strings.TrimPrefix(src, bom)) {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "--") {
			continue
		}
		if isTernMarker(t) {
			return Tern
		}
		rest := strings.ToLower(strings.TrimSpace(t[2:]))
		switch {
		case strings.HasPrefix(rest, "+goose"):
			return Goose
		case strings.HasPrefix(rest, "+migrate"):
			return SQLMigrate
		case strings.HasPrefix(rest, "migrate:up"), strings.HasPrefix(rest, "migrate:down"):
			return Dbmate
		}
	}
	return ""
}

func isTernMarker(t string) bool {
	return t == ternSeparator || strings.HasPrefix(t, "---- tern:")
}

// version is a migration version: numeric segments ("20240101120000",
// "1.2.3"), compared as numbers however long.
type version []string

func parseVersion(s string) version {
	var v version
	for _, seg := range strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '_' }) {
		seg = strings.TrimLeft(seg, "0")
		v = append(v, seg)
	}
	return v
}

// compareVersions orders versions numerically: by digit count, then by
// value, segment by segment (so 10 follows 9, and a 14-digit timestamp
// never overflows).
func compareVersions(a, b version) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if len(a[i]) != len(b[i]) {
			return len(a[i]) - len(b[i])
		}
		if c := strings.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// entry is a migration being assembled from its files.
type entry struct {
	m       *sqlschema.Migration
	ver     version
	upFile  *srcFile
	dnFile  *srcFile
	unnamed bool // plain and sql-migrate files without a version: ordered by name, last
}

func (l *listing) migrations() ([]*sqlschema.Migration, error) {
	format, err := l.format()
	if err != nil {
		return nil, err
	}
	var entries []*entry
	byVersion := map[string]*entry{}
	add := func(f *srcFile, ver, name string, down bool) error {
		v := parseVersion(ver)
		key := strings.Join(v, ".")
		e := byVersion[key]
		if e == nil {
			e = &entry{m: &sqlschema.Migration{Version: ver, Name: name, Format: format}, ver: v}
			byVersion[key] = e
			entries = append(entries, e)
		}
		slot := &e.upFile
		if down {
			slot = &e.dnFile
		}
		if *slot != nil {
			return fmt.Errorf("duplicate migration version %s: %s and %s", ver, (*slot).path, f.path)
		}
		*slot = f
		if !down {
			e.m.Version, e.m.Name = ver, name
		}
		return nil
	}
	// pop: the PostgreSQL file of a version and direction replaces the
	// generic one.
	popSpecific := map[string]bool{}
	if format == Pop {
		for _, f := range l.files {
			if m := rePop.FindStringSubmatch(f.name); m != nil && popDialects[m[3]] == "postgres" && m[5] == "sql" {
				popSpecific[strings.Join(parseVersion(m[1]), ".")+" "+m[4]] = true
			}
		}
	}
	for _, f := range l.files {
		if !strings.HasSuffix(f.name, ".sql") {
			continue
		}
		switch format {
		case Pop:
			if m := rePop.FindStringSubmatch(f.name); m != nil && popDialects[m[3]] != "" {
				if popDialects[m[3]] != "postgres" {
					continue // another database's
				}
				if err := add(f, m[1], m[2], m[4] == "down"); err != nil {
					return nil, err
				}
				continue
			}
			m := reMigrate.FindStringSubmatch(f.name)
			if m == nil || popSpecific[strings.Join(parseVersion(m[1]), ".")+" "+m[3]] {
				continue
			}
			if err := add(f, m[1], m[2], m[3] == "down"); err != nil {
				return nil, err
			}
		case GolangMigrate:
			m := reMigrate.FindStringSubmatch(f.name)
			if m == nil {
				continue // golang-migrate ignores what it cannot name
			}
			if err := add(f, m[1], m[2], m[3] == "down"); err != nil {
				return nil, err
			}
		case Flyway:
			if m := reRepeat.FindStringSubmatch(f.name); m != nil {
				entries = append(entries, &entry{m: &sqlschema.Migration{Name: m[1], Format: format}, upFile: f, unnamed: true})
				continue
			}
			m := reFlyway.FindStringSubmatch(f.name)
			if m == nil || m[1] == "B" {
				// Baseline scripts only matter for an empty database
				// migrated from the baseline on; versioned ones build it.
				continue
			}
			if err := add(f, m[2], m[3], m[1] == "U"); err != nil {
				return nil, err
			}
		case Plain, SQLMigrate:
			m := reLeading.FindStringSubmatch(f.name)
			if m == nil {
				entries = append(entries, &entry{m: &sqlschema.Migration{Name: strings.TrimSuffix(f.name, ".sql"), Format: format}, upFile: f, unnamed: true})
				continue
			}
			if err := add(f, m[1], m[2], false); err != nil {
				return nil, err
			}
		default: // goose, dbmate, tern, atlas: NNN_name.sql
			m := reLeading.FindStringSubmatch(f.name)
			if m == nil {
				return nil, &sqlschema.Error{File: f.path, Message: fmt.Sprintf("%s migration file name has no numeric version prefix (want NNN_name.sql)", format)}
			}
			if err := add(f, m[1], m[2], false); err != nil {
				return nil, err
			}
		}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.unnamed != b.unnamed {
			return !a.unnamed
		}
		if a.unnamed {
			return a.upFile.name < b.upFile.name
		}
		return compareVersions(a.ver, b.ver) < 0
	})
	out := make([]*sqlschema.Migration, 0, len(entries))
	for _, e := range entries {
		if e.upFile == nil {
			return nil, &sqlschema.Error{File: e.dnFile.path, Message: fmt.Sprintf("migration version %s has a down script but no up script", e.m.Version)}
		}
		if err := buildScripts(format, e, l); err != nil {
			return nil, err
		}
		out = append(out, e.m)
	}
	return out, nil
}
