package txrace_test

import (
	"github.com/dblint/dblint/internal/ruletest"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/analyzers/txrace"
	"github.com/dblint/dblint/passes/dbconfig"
)

// TestTxrace runs the analyzer on the packages under testdata/src, with
// the schema of testdata/schema. Third-party APIs are stubs at their real
// import paths (pgx with TxOptions, pgconn.PgError, pgerrcode, sqlx);
// database/sql is the real one.
func TestTxrace(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	dir := analysistest.TestData()
	schema, err := filepath.Abs(filepath.Join(dir, "schema"))
	if err != nil {
		t.Fatal(err)
	}
	if err := dbconfig.SetFlags(map[string]string{"schema": schema}); err != nil {
		t.Fatal(err)
	}
	res := analysistest.Run(t, dir, txrace.Analyzer, "lostupdate", "checkinsert", "retry")
	ruletest.Covered(t, "txrace", txrace.Rules, res)
}
