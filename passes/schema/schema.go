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

// Result is the schema of the module.
type Result struct {
	// Catalog is nil when no schema is configured or detected; rules that
	// need the schema then stay silent.
	Catalog *sqlschema.Catalog
	// Sources are the schema sources the catalog was built from.
	Sources []string
}

// Analyzer returns the module's *Result. It reports nothing; a schema that
// fails to load is an error of the run (a configuration problem), with the
// file:line:column of the bad statement.
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
	res  *Result
	err  error
}

func run(pass *analysis.Pass) (any, error) {
	cfg := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	return Load(cfg.Schema)
}

// Load returns the catalog for the sources, loading them once per process.
func Load(sources []string) (*Result, error) {
	if len(sources) == 0 {
		return &Result{}, nil
	}
	key := strings.Join(sources, "\x00")
	e, _ := loaded.LoadOrStore(key, new(entry))
	ent := e.(*entry)
	ent.once.Do(func() {
		r, err := load.Load(sources, load.Options{})
		if err != nil {
			ent.err = err
			return
		}
		ent.res = &Result{Catalog: r.Catalog, Sources: sources}
	})
	return ent.res, ent.err
}
