package sqlcall

import (
	"fmt"
	"go/types"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// reporter reports every call sqlcall finds, so fixtures can assert them
// with // want. The message is
//
//	sql-call API KIND QUERIES args=N scan=M recv=R [extras]
//
// where QUERIES are the texts (whitespace collapsed) in double quotes,
// separated by " | ", or "unresolved", or "-" for calls without SQL.
var reporter = &analysis.Analyzer{
	Name:       "sqlcalltest",
	Doc:        "reports every call found by sqlcall (tests only)",
	Requires:   []*analysis.Analyzer{Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[Analyzer].(*Result)
		for _, c := range res.Calls {
			pass.Reportf(c.Expr.Pos(), "%s", describe(pass.Pkg, c))
		}
		return res, nil
	},
}

// silent returns sqlcall's result without reporting, for tests that
// inspect it in Go.
var silent = &analysis.Analyzer{
	Name:       "sqlcallsilent",
	Doc:        "returns sqlcall's result (tests only)",
	Requires:   []*analysis.Analyzer{Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		return pass.ResultOf[Analyzer].(*Result), nil
	},
}

func describe(pkg *types.Package, c *Call) string {
	var b strings.Builder
	fmt.Fprintf(&b, "sql-call %s %s ", c.API, c.Kind)
	switch {
	case len(c.Queries) > 0:
		for i, q := range c.Queries {
			if i > 0 {
				b.WriteString(" | ")
			}
			fmt.Fprintf(&b, `"%s"`, strings.Join(strings.Fields(q.Text), " "))
		}
	case c.Kind.HasSQL():
		b.WriteString("unresolved")
	default:
		b.WriteString("-")
	}
	scan := "none"
	if c.Scan != nil {
		scan = fmt.Sprint(len(c.Scan.Types))
	}
	fmt.Fprintf(&b, " args=%d scan=%s recv=%s", len(c.Args), scan, c.Receiver)
	qual := types.RelativeTo(pkg)
	if c.Placeholders != Dollar {
		fmt.Fprintf(&b, " style=%s", c.Placeholders)
	}
	if c.Scan != nil {
		if c.Scan.Via != ViaScan {
			fmt.Fprintf(&b, " via=%s", c.Scan.Via)
		}
		if c.Scan.Struct != nil {
			fmt.Fprintf(&b, " into=%s", types.TypeString(c.Scan.Struct, qual))
		}
		if len(c.Scan.Names) > 0 {
			fmt.Fprintf(&b, " cols=%s", strings.Join(c.Scan.Names, ","))
		}
	}
	var holes, rewrites []string
	parseErr, stmts, sqlc := false, 0, ""
	for _, q := range c.Queries {
		for _, h := range q.Holes {
			holes = append(holes, string(h.Kind))
		}
		if len(q.Rewrites) > 0 && rewrites == nil {
			rewrites = q.Rewrites
		}
		parseErr = parseErr || q.ParseErr != nil
		stmts = max(stmts, len(q.Statements))
		if q.Name != "" {
			sqlc = q.Name + q.Cmd
		}
	}
	if len(holes) > 0 {
		fmt.Fprintf(&b, " holes=%s", strings.Join(holes, ","))
	}
	if len(rewrites) > 0 {
		fmt.Fprintf(&b, " rewrites=%s", strings.Join(rewrites, ","))
	}
	if c.NamedArgKeys != nil {
		fmt.Fprintf(&b, " named=%v", c.NamedArgKeys)
	}
	if c.NamedStruct != nil {
		fmt.Fprintf(&b, " struct=%s", types.TypeString(c.NamedStruct, qual))
	}
	if c.CopyTable != nil {
		fmt.Fprintf(&b, " copy=%s(%s)", strings.Join(c.CopyTable, "."), strings.Join(c.CopyColumns, ","))
	}
	if c.Prepared != nil {
		b.WriteString(" prepared")
	}
	if c.PreparedName != "" {
		fmt.Fprintf(&b, " name=%s", c.PreparedName)
	}
	if len(c.Options) > 0 {
		fmt.Fprintf(&b, " options=%d", len(c.Options))
	}
	if c.Ellipsis {
		b.WriteString(" ellipsis")
	}
	if parseErr {
		b.WriteString(" parse-error")
	}
	if stmts > 1 {
		fmt.Fprintf(&b, " stmts=%d", stmts)
	}
	if sqlc != "" {
		fmt.Fprintf(&b, " sqlc=%s", sqlc)
	}
	if c.Generated {
		b.WriteString(" gen")
	}
	if c.Interface {
		b.WriteString(" iface")
	}
	return b.String()
}

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporter,
		"stdsql", "fold", "pgxcalls", "sqlxcalls", "gormcalls", "sqlcstd", "sqlcpgx", "iface")
}
