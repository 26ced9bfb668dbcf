package dbfacts_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/passes/dbfacts"
)

func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dbfacts.Analyzer,
		"store", "sqlstore", "ormstore", "service", "handler", "nodb")
}

// sites reports every site dbfacts finds, so fixtures can assert them.
var sites = &analysis.Analyzer{
	Name:     "sitestest",
	Doc:      "reports every query site found by dbfacts (tests only)",
	Requires: []*analysis.Analyzer{dbfacts.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[dbfacts.Analyzer].(*dbfacts.Result)
		for call, s := range res.Sites {
			msg := "site " + s.Fact.Evidence()
			if s.Fact.Write {
				msg += " write"
			}
			if s.Fact.Batched {
				msg += " batched"
			}
			if s.Fact.Key != "" {
				msg += " key=" + s.Fact.Key
			}
			pass.Reportf(call.Pos(), "%s", msg)
		}
		return nil, nil
	},
}

func TestSites(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sites, "sites")
}
