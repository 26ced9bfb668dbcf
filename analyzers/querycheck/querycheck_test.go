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

// TestQuerycheckWithoutSchema runs on a module whose schema dblint cannot
// find (migrations written in Go, say): only the rules that need no
// catalog report. The fixture has a go.mod of its own, so that its
// configuration is not the one TestQuerycheck's packages share.
func TestQuerycheckWithoutSchema(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	if err := dbconfig.SetFlags(map[string]string{"schema": ""}); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), querycheck.Analyzer, "noschema")
}
