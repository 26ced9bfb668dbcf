package querycheck_test

import (
	"github.com/dblint/dblint/internal/ruletest"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/analyzers/querycheck"
	"github.com/dblint/dblint/passes/dbconfig"
)

func TestQuerycheck(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	dir := analysistest.TestData()
	schema, _ := filepath.Abs(filepath.Join(dir, "schema"))
	if err := dbconfig.SetFlags(map[string]string{"schema": schema}); err != nil {
		t.Fatal(err)
	}
	res := analysistest.Run(t, dir, querycheck.Analyzer, "stdsql", "pgxq", "sqlxq", "gormq", "sqlcq")
	ruletest.Covered(t, "querycheck", querycheck.Rules, res)
}
