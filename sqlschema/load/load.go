// Package load builds a *sqlschema.Catalog from the project's schema
// sources: migration directories (golang-migrate, goose, dbmate, tern,
// sql-migrate, atlas, flyway or plain ordered .sql files), .sql schema
// files (including pg_dump -s output) and .json snapshots, applied in
// order to one catalog. Results are cached on disk, keyed by the sources'
// contents, because go vet -vettool runs one process per package.
package load

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Options tune Load.
type Options struct {
	// CacheDir is where the disk cache lives (entries go in its schema/
	// subdirectory). Empty means $DBLINT_CACHE_DIR, else dblint under
	// os.UserCacheDir().
	CacheDir string
	// NoCache disables the disk cache, as DBLINT_CACHE=off does.
	NoCache bool
	// Migrations asks for Result.Migrations even when the catalog comes
	// from the cache. Without it a cache hit parses nothing: the fast
	// path for callers that only need the catalog.
	Migrations bool
	// Trust is a fingerprint of the sources' contents that the caller
	// vouches for (the dblint CLI hashes every schema and migration file
	// once per run and passes the hash to its go vet processes). An entry
	// recorded for the same sources and fingerprint is used without
	// checking the files' stamps: with thousands of migrations the stat
	// calls are most of a cached load, paid in every process.
	Trust string
	// RecordTrust makes Load record the entry that later loads with the
	// same Trust use. Only the caller that computed the fingerprint over
	// these very sources may set it.
	RecordTrust bool
}

// Result is what Load built.
type Result struct {
	Catalog *sqlschema.Catalog
	// Migrations are the parsed migrations of every source, in the
	// order applied (a .sql file is one migration without a version).
	// Nil on a cache hit unless Options.Migrations is set.
	Migrations []*sqlschema.Migration
	// Files are the files the catalog was built from, in order.
	Files []string
	// Cached reports that the catalog came from the disk cache.
	Cached bool
}

// Source kinds.
const (
	kindDir      = "dir"
	kindSQL      = "sql"
	kindSnapshot = "snapshot"
)

// source is one schema source, read.
type source struct {
	kind string
	path string
	dir  *listing // kindDir
	file *srcFile // kindSQL, kindSnapshot
}

// Load applies the sources in order to one catalog. Each source is a
// migration directory, a .sql file (a schema file or pg_dump -s output)
// or a .json snapshot. A file that does not parse, or a migration that
// does not apply, is a *sqlschema.Error naming file:line:column.
func Load(sources []string, opts Options) (*Result, error) {
	cache := openCache(opts)
	if cache != nil && !opts.Migrations && opts.Trust != "" && !opts.RecordTrust {
		if res := cache.trustedPath(sources, opts.Trust); res != nil {
			return res, nil
		}
	}
	if cache != nil && !opts.Migrations {
		if res, idx := cache.fastPath(sources); res != nil {
			if opts.RecordTrust && opts.Trust != "" {
				cache.writeTrusted(sources, opts.Trust, idx)
			}
			return res, nil
		}
	}
	srcs, err := readSources(sources)
	if err != nil {
		return nil, err
	}
	key := contentKey(srcs)
	if cache != nil {
		if cat := cache.loadCatalog(key); cat != nil {
			res := &Result{Catalog: cat, Files: filesOf(srcs), Cached: true}
			if opts.Migrations {
				if res.Migrations, err = migrationsOf(srcs); err != nil {
					return nil, err
				}
			}
			cache.writeIndex(sources, srcs, key, opts)
			return res, nil
		}
	}
	res, err := build(srcs)
	if err != nil {
		return nil, err
	}
	if cache != nil {
		cache.storeCatalog(key, res.Catalog)
		cache.writeIndex(sources, srcs, key, opts)
	}
	return res, nil
}

// counts lets tests tell which path a Load took.
var counts struct{ read, built, stamped atomic.Int64 }

func readSources(paths []string) ([]*source, error) {
	counts.read.Add(1)
	var out []*source
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("schema source %s: %w", p, unwrapPath(err))
		}
		s := &source{path: p}
		switch ext := strings.ToLower(filepath.Ext(p)); {
		case fi.IsDir():
			s.kind = kindDir
			if s.dir, err = readListing(p); err != nil {
				return nil, err
			}
		case ext == ".sql" || ext == ".json":
			s.kind = kindSQL
			if ext == ".json" {
				s.kind = kindSnapshot
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("schema source %s: %w", p, unwrapPath(err))
			}
			s.file = &srcFile{name: filepath.Base(p), path: p, data: string(data), st: stampOf(fi)}
		default:
			return nil, fmt.Errorf("schema source %s: not a migration directory, .sql file or .json snapshot", p)
		}
		out = append(out, s)
	}
	return out, nil
}

func filesOf(srcs []*source) []string {
	var out []string
	for _, s := range srcs {
		if s.dir != nil {
			for _, f := range s.dir.files {
				out = append(out, f.path)
			}
		} else {
			out = append(out, s.file.path)
		}
	}
	return out
}

// migrationsOf parses the migrations of every source without applying.
func migrationsOf(srcs []*source) ([]*sqlschema.Migration, error) {
	var out []*sqlschema.Migration
	for _, s := range srcs {
		switch s.kind {
		case kindDir:
			ms, err := s.dir.migrations()
			if err != nil {
				return nil, err
			}
			out = append(out, ms...)
		case kindSQL:
			m, err := sqlFileMigration(s.file)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		}
	}
	return out, nil
}

// build parses every source and applies it to a new catalog.
func build(srcs []*source) (*Result, error) {
	counts.built.Add(1)
	res := &Result{Catalog: sqlschema.New(), Files: filesOf(srcs)}
	pristine := true // nothing applied yet: a snapshot replaces the catalog
	for _, s := range srcs {
		switch s.kind {
		case kindSnapshot:
			snap, err := sqlschema.ReadSnapshot(strings.NewReader(s.file.data), s.file.path)
			if err != nil {
				return nil, err
			}
			if pristine {
				res.Catalog = snap
			} else if err := merge(res.Catalog, snap, s.file.path); err != nil {
				return nil, err
			}
		case kindDir, kindSQL:
			var ms []*sqlschema.Migration
			if s.kind == kindDir {
				var err error
				if ms, err = s.dir.migrations(); err != nil {
					return nil, err
				}
			} else {
				m, err := sqlFileMigration(s.file)
				if err != nil {
					return nil, err
				}
				ms = []*sqlschema.Migration{m}
			}
			// A source runs as one session (psql -f, or a migration tool's
			// connection): its SET search_path, like pg_dump's
			// set_config('search_path', '', false), ends with it and
			// must not decide how the application's queries resolve.
			path := append([]string(nil), res.Catalog.SearchPath...)
			for _, m := range ms {
				if err := applyScript(res.Catalog, m.Up); err != nil {
					return nil, err
				}
			}
			res.Catalog.SearchPath = path
			res.Migrations = append(res.Migrations, ms...)
		}
		pristine = false
	}
	return res, nil
}

// applyScript applies a script; a panic in the fold becomes an error
// naming the file, so bad input never takes the run down.
func applyScript(c *sqlschema.Catalog, s *sqlschema.Script) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error applying the script (please report): panic: %v\n%s", s.File, r, debug.Stack())
		}
	}()
	return c.ApplyScript(withoutOwnerChanges(s))
}

// withoutOwnerChanges drops ALTER TABLE ... OWNER TO statements from the
// script to apply. Ownership never changes shape, and pg_dump writes it
// for sequences too (ALTER TABLE public.x_id_seq OWNER TO ...), which the
// catalog does not model as relations, so the fold would report them
// missing. The script itself keeps every statement for the analyzers.
func withoutOwnerChanges(s *sqlschema.Script) *sqlschema.Script {
	keep := s.Statements[:0:0]
	dropped := false
	for _, st := range s.Statements {
		if isOwnerChange(st.Node) {
			dropped = true
			continue
		}
		keep = append(keep, st)
	}
	if !dropped {
		return s
	}
	c := *s
	c.Statements = keep
	return &c
}

func isOwnerChange(n *pgsql.Node) bool {
	at := n.GetAlterTableStmt()
	if at == nil || len(at.GetCmds()) == 0 {
		return false
	}
	for _, c := range at.GetCmds() {
		if c.GetAlterTableCmd().GetSubtype() != pgsql.AlterTableType_AT_ChangeOwner {
			return false
		}
	}
	return true
}

// sqlFileMigration reads a .sql schema source as one migration, run as
// psql -f would: each statement on its own.
func sqlFileMigration(f *srcFile) (*sqlschema.Migration, error) {
	format := Plain
	if isPgDump(f.data) {
		format = PgDump
	}
	up, err := parseScript(f, whole(f, sqlschema.TxNone), true)
	if err != nil {
		return nil, err
	}
	return &sqlschema.Migration{Name: strings.TrimSuffix(f.name, filepath.Ext(f.name)), Format: format, Up: up}, nil
}

func isPgDump(src string) bool {
	head := src
	if len(head) > 2048 {
		head = head[:2048]
	}
	return strings.Contains(head, "-- PostgreSQL database dump")
}

// merge adds the objects of a snapshot to a catalog that earlier sources
// built. An object both define is an error, as creating it twice would be.
func merge(dst, src *sqlschema.Catalog, file string) error {
	dup := func(what, schema, name string) error {
		return &sqlschema.Error{File: file, SQLState: sqlschema.DuplicateObject,
			Message: fmt.Sprintf("%s %q from the snapshot already exists", what, sqlschema.QualifiedName(schema, name))}
	}
	if src.ServerVersion != 0 {
		dst.ServerVersion = src.ServerVersion
	}
	if dst.Extensions == nil {
		dst.Extensions = map[string]bool{}
	}
	for e, on := range src.Extensions {
		if on {
			dst.Extensions[e] = true
		}
	}
	for name, ss := range src.Schemas {
		ds := dst.Schemas[name]
		if ds == nil {
			dst.Schemas[name] = ss
			continue
		}
		for n, t := range ss.Tables {
			if ds.Tables[n] != nil || ds.Views[n] != nil {
				return dup("relation", name, n)
			}
			ds.Tables[n] = t
			delete(ds.Dropped, n)
		}
		for n, v := range ss.Views {
			if ds.Tables[n] != nil || ds.Views[n] != nil {
				return dup("relation", name, n)
			}
			ds.Views[n] = v
			delete(ds.Dropped, n)
		}
		for n, e := range ss.Enums {
			if ds.Enums[n] != nil || ds.Domains[n] != nil {
				return dup("type", name, n)
			}
			ds.Enums[n] = e
		}
		for n, d := range ss.Domains {
			if ds.Enums[n] != nil || ds.Domains[n] != nil {
				return dup("type", name, n)
			}
			ds.Domains[n] = d
		}
	}
	return nil
}
