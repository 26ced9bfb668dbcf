package sqlinjection_test

import (
	"github.com/dblint/dblint/internal/ruletest"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/analyzers/sqlinjection"
)

func TestSQLBuiltFromInput(t *testing.T) {
	res := analysistest.Run(t, analysistest.TestData(), sqlinjection.Analyzer, "stdsql", "pgxhttp", "sqlxcase", "gormcase", "dsn", "disabled", "flow")
	ruletest.Covered(t, "sqlinjection", sqlinjection.Rules, res)
}
