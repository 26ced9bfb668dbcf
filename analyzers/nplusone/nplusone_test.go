package nplusone_test

import (
	"github.com/dblint/dblint/internal/ruletest"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/analyzers/nplusone"
)

func TestNPlusOne(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	res := analysistest.Run(t, analysistest.TestData(), nplusone.Analyzer, "store", "service", "handler", "gormshop", "authors")
	ruletest.Covered(t, "nplusone", nplusone.Rules, res)
}
