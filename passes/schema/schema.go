// Package schema provides the *sqlschema.Catalog of the analyzed package's
// module: a result-only analyzer that loads the configured schema sources
// once per process (and, through sqlschema/load, once per machine via the
// disk cache, since go vet -vettool runs one process per package).
package schema

import (
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/load"
)

// Result is the schema of the module, loaded on first use: under go vet
// every package is its own process, and most packages (those without SQL)
// never need the catalog, so they should not pay for reading it even
// from the disk cache.
type Result struct {
	// Sources are the schema sources the catalog is built from.
	Sources []string
	// Trust is the CLI's fingerprint of the schema files
	// (dbconfig.Config.Fingerprint), "" under plain go vet.
	Trust string
}

// Catalog returns the module's catalog, loading it once per process. It
// is nil when no schema is configured or detected (rules that need the
// schema then stay silent); the error is a schema that does not load,
// with the file:line:column of the bad statement.
func (r *Result) Catalog() (*sqlschema.Catalog, error) {
	if r == nil || len(r.Sources) == 0 {
		return nil, nil
	}
	return load1(r.Sources, load.Options{Trust: r.Trust})
}

// Analyzer returns the module's *Result. It reports nothing; a schema that
// fails to load is an error of the analyzer that asked for it (a
// configuration problem), with the file:line:column of the bad statement.
var Analyzer = &analysis.Analyzer{
	Name:       "schema",
	Doc:        "schema: the module's schema catalog from its migrations, schema files or snapshot (reports nothing)",
	Run:        run,
	Requires:   []*analysis.Analyzer{dbconfig.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
}

var loaded sync.Map // joined sources -> *entry

type entry struct {
	once sync.Once
	cat  *sqlschema.Catalog
	err  error
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	return &Result{Sources: cfg.Schema, Trust: cfg.Fingerprint}, nil
}

// Load returns the catalog for the sources, loading them once per process.
func Load(sources []string) (*sqlschema.Catalog, error) {
	return load1(sources, load.Options{})
}

// LoadAndTrust is Load for the caller that computed fingerprint over
// every file of sources in this run (the dblint CLI, before it starts go
// vet): it records the catalog so that the vet processes given the same
// fingerprint load it without checking each file's stamp
// (load.Options.Trust).
func LoadAndTrust(sources []string, fingerprint string) (*sqlschema.Catalog, error) {
	return load1(sources, load.Options{Trust: fingerprint, RecordTrust: fingerprint != ""})
}

func load1(sources []string, opts load.Options) (*sqlschema.Catalog, error) {
	if len(sources) == 0 {
		return nil, nil
	}
	key := strings.Join(sources, "\x00")
	e, _ := loaded.LoadOrStore(key, new(entry))
	ent := e.(*entry)
	ent.once.Do(func() {
		r, err := load.Load(sources, opts)
		if err != nil {
			ent.err = err
			return
		}
		ent.cat = r.Catalog
	})
	return ent.cat, ent.err
}
