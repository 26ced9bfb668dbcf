package nplusone_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/analyzers/nplusone"
)

func TestNPlusOne(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	analysistest.Run(t, analysistest.TestData(), nplusone.Analyzer, "store", "service", "handler", "gormshop", "authors")
}
