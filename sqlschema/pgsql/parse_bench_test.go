package pgsql_test

import (
	"sync"
	"testing"

	"github.com/dblint/dblint/internal/gencorpus"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// corpusTexts are the distinct query texts of the medium generated corpus
// (about 2,000 sites), as the parser sees them.
var corpusTexts = sync.OnceValue(func() []string {
	c := gencorpus.Generate(gencorpus.Options{Size: gencorpus.Sizes["medium"], Seed: 1})
	seen := map[string]bool{}
	var out []string
	for _, q := range c.Queries {
		if q.PG != "" && !seen[q.PG] {
			seen[q.PG] = true
			out = append(out, q.PG)
		}
	}
	return out
})

// BenchmarkParseCorpus parses every distinct query text of the medium
// corpus: "miss" through ParseUncached (what the first sight of a text
// costs), "hit" through Parse with every text already cached (what every
// later sight costs in the same process). ns/query is per text.
func BenchmarkParseCorpus(b *testing.B) {
	texts := corpusTexts()
	b.Run("miss", func(b *testing.B) {
		for b.Loop() {
			for _, s := range texts {
				if _, err := pgsql.ParseUncached(s); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/query")
	})
	b.Run("hit", func(b *testing.B) {
		for _, s := range texts {
			if _, err := pgsql.Parse(s); err != nil {
				b.Fatal(err)
			}
		}
		b.ResetTimer()
		for b.Loop() {
			for _, s := range texts {
				if _, err := pgsql.Parse(s); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/query")
	})
}
