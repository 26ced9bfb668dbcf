package sqlschema_test

import (
	"path/filepath"
	"testing"

	"github.com/dblint/dblint/internal/gencorpus"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/load"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// BenchmarkBindCorpus binds every parsed query of the medium generated
// corpus (about 2,000 sites over 83 tables built by 500 migrations) to its
// catalog: the per-query work querycheck and missingindex add on top of
// parsing. ns/query is per query site.
func BenchmarkBindCorpus(b *testing.B) {
	dir, c, err := gencorpus.Dir(gencorpus.BenchBase(), gencorpus.Options{Size: gencorpus.Sizes["medium"], Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	res, err := load.Load([]string{filepath.Join(dir, gencorpus.MigrationsDir)}, load.Options{NoCache: true})
	if err != nil {
		b.Fatal(err)
	}
	var stmts []*pgsql.Node
	for _, q := range c.Queries {
		if q.PG == "" {
			continue
		}
		st, err := pgsql.ParseOne(q.PG)
		if err != nil {
			b.Fatal(err)
		}
		stmts = append(stmts, st.Node)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, n := range stmts {
			sqlschema.Bind(res.Catalog, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(stmts)), "ns/query")
}
