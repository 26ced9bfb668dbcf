package poolmisuse_test

import (
	"github.com/dblint/dblint/internal/ruletest"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/analyzers/poolmisuse"
)

func TestPoolmisuse(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	res := analysistest.Run(t, analysistest.TestData(), poolmisuse.Analyzer, "rowsclose", "pgxrows", "txconn", "closers", "facts",
		"sqlclosecheck11", "sqlclosecheck35", "sqlclosecheck36", "sqlclosecheck43", "sqlclosecheck49",
		"rowserrcheck16", "rowserrcheck19", "rowserrcheck20", "rowserrcheck20/b", "rowserrcheck32",
		"rowserr", "dbintx", "discard", "deferloop", "poolpercall", "poolconfig", "pgbouncer")
	ruletest.Covered(t, "poolmisuse", poolmisuse.Rules, res, "missing-context") // with its fixes in TestFixes
}

// TestFixes applies the suggested fixes and compares with .golden files.
func TestFixes(t *testing.T) {
	t.Setenv("DBLINT_CACHE", "off")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), poolmisuse.Analyzer, "fixes", "missingctx")
}
