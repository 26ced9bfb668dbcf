package sqlinjection_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/analyzers/sqlinjection"
)

func TestSQLBuiltFromInput(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sqlinjection.Analyzer, "stdsql", "pgxhttp", "sqlxcase", "gormcase", "dsn", "disabled", "flow")
}
