package sqlinjection

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/sqlcall"
)

// Analyzer reports SQL text built from untrusted input, and connection
// strings that leak a password or turn TLS off.
var Analyzer = &analysis.Analyzer{
	Name:     "sqlinjection",
	Doc:      doc,
	URL:      "https://github.com/dblint/dblint/blob/main/docs/rules.md#sqlinjection",
	Run:      run,
	Requires: []*analysis.Analyzer{dbconfig.Analyzer, sqlcall.Analyzer},
}

// Rule ids.
const (
	RuleBuiltFromInput       = "sql-built-from-input"
	RuleHardcodedCredentials = "hardcoded-credentials"
	RuleSSLModeDisable       = "sslmode-disable"
)

// Rules are sqlinjection's rule ids.
var Rules = []report.Rule{
	{Analyzer: "sqlinjection", ID: RuleBuiltFromInput, Severity: report.Error, Summary: "SQL text built from a parameter, a field, request data, the environment or the command line"},
	{Analyzer: "sqlinjection", ID: RuleHardcodedCredentials, Severity: report.Error, Summary: "a password written in a connection string or a driver config literal"},
	{Analyzer: "sqlinjection", ID: RuleSSLModeDisable, Severity: report.Warning, Summary: "a connection string with sslmode=disable for a host that is not local"},
}

func run(pass *analysis.Pass) (res any, err error) {
	cfg := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	calls := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result)
	in := calls.Inspector()
	r := report.New(pass, cfg)
	if r.Enabled(RuleBuiltFromInput) && len(calls.Calls) > 0 {
		c := &checker{pass: pass, r: r, t: newTracer(pass.Fset, pass.Pkg, pass.TypesInfo, in), seen: make(map[string]bool)}
		for _, call := range calls.Calls {
			// Tests build SQL from their own fixtures, not from input.
			if report.InTestFile(pass.Fset, call.Expr.Pos()) {
				continue
			}
			c.call(call)
		}
	}
	if r.Enabled(RuleHardcodedCredentials) || r.Enabled(RuleSSLModeDisable) {
		checkConnStrings(pass, in, r)
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	r    *report.Reporter
	t    *tracer
	seen map[string]bool
}

// sink is an expression whose text is sent as SQL by call.
type sink struct {
	call  *sqlcall.Call
	expr  ast.Expr
	depth int // wrapper functions between the expression and the call
}

func (c *checker) call(call *sqlcall.Call) {
	if call.SQL == nil || call.Callee == nil || !call.Kind.HasSQL() {
		return
	}
	c.t.steps = 0 // the budget is per call
	if len(call.Queries) == 0 {
		c.whole(sink{call: call, expr: call.SQL})
		return
	}
	// A resolved text: check what fills each hole.
	for _, q := range call.Queries {
		for _, h := range q.Holes {
			for _, tt := range c.t.taints(h.Expr) {
				if tt.src.recv {
					continue
				}
				if tt.via == "" {
					tt.via, tt.viaPos = holeVia(h), h.Expr.Pos()
				}
				if !tt.hasPre {
					tt.pre, tt.hasPre = q.Text[:h.Offset], true
				}
				c.report(call, call.SQL, tt, nextPlaceholder(call, q.Text))
			}
		}
	}
}

func holeVia(h sqlcall.Hole) string {
	switch h.Kind {
	case sqlcall.HoleSprintf:
		return "fmt.Sprintf"
	case sqlcall.HoleJoin:
		return "strings.Join"
	}
	return "concatenation"
}

// whole checks a SQL expression sqlcall could not resolve, following its
// data flow. An input that is the whole text of a parameter makes the
// function a wrapper: its callers in the package become sinks.
func (c *checker) whole(s sink) {
	for _, tt := range c.t.taints(s.expr) {
		switch {
		case tt.src.recv:
		case tt.via != "":
			c.report(s.call, s.expr, tt, nextPlaceholder(s.call, ""))
		case tt.src.kind == srcParam:
			if s.depth < 4 {
				for _, arg := range c.t.argsFor(tt.src.param) {
					c.whole(sink{call: s.call, expr: arg, depth: s.depth + 1})
				}
			}
		case tt.src.kind == srcField:
			// A query kept in a struct: where it was built is not known.
		default:
			c.reportWhole(s.call, s.expr, tt, nextPlaceholder(s.call, ""))
		}
	}
}

// argsFor returns the arguments passed for a parameter by the calls of its
// function in the package.
func (t *tracer) argsFor(p *types.Var) []ast.Expr {
	var out []ast.Expr
	for fn, calls := range t.calls {
		sig := fn.Signature()
		for i := range sig.Params().Len() {
			if sig.Params().At(i) != p || sig.Variadic() && i == sig.Params().Len()-1 {
				continue
			}
			for _, call := range calls {
				if i < len(call.Args) {
					out = append(out, call.Args[i])
				}
			}
		}
	}
	return out
}

func (c *checker) report(call *sqlcall.Call, at ast.Expr, tt taint, ph string) {
	// One finding per input and SQL argument: the first path found.
	key := fmt.Sprint(at.Pos(), tt.src.desc)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	msg := fmt.Sprintf("SQL text includes %s (%s at %s); %s",
		tt.src.desc, tt.via, c.line(tt.viaPos, at.Pos()), remedy(call, tt, ph))
	c.emit(at, msg)
}

func (c *checker) reportWhole(call *sqlcall.Call, at ast.Expr, tt taint, ph string) {
	rem := fmt.Sprintf("run a fixed statement and pass the values as query arguments (%s)", ph)
	if IdentifierFragments[call.Callee.FullName()] {
		rem = "choose it from a fixed set"
	}
	c.emit(at, fmt.Sprintf("SQL text is %s; %s", tt.src.desc, rem))
}

func (c *checker) emit(at ast.Expr, msg string) {
	key := fmt.Sprint(at.Pos(), msg)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.r.Report(RuleBuiltFromInput, at.Pos(), at.End(), msg)
}

// line names the line of pos for a message reported at rep: "line 31", or
// "file.go:31" in another file.
func (c *checker) line(pos, rep token.Pos) string {
	p, r := c.pass.Fset.Position(pos), c.pass.Fset.Position(rep)
	if p.Filename == r.Filename {
		return "line " + strconv.Itoa(p.Line)
	}
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
}

// remedy says what to do, by where the input lands in the text: a value
// can be a query argument; a name can only be chosen from a fixed set.
func remedy(call *sqlcall.Call, tt taint, ph string) string {
	if IdentifierFragments[call.Callee.FullName()] {
		return "choose it from a fixed set"
	}
	if tt.hasPre {
		switch position(tt.pre) {
		case posValue:
			return fmt.Sprintf("pass it as a query argument (%s)", ph)
		case posName:
			return "choose it from a fixed set, or quote it as an identifier (" + quoteFunc(call) + ")"
		}
	}
	return "pass it as a query argument, or choose it from a fixed set"
}

// quoteFunc names the identifier quoting of the call's library.
func quoteFunc(call *sqlcall.Call) string {
	switch call.API {
	case sqlcall.Pgx, sqlcall.Pgxpool:
		return "pgx.Identifier{name}.Sanitize()"
	}
	return "pq.QuoteIdentifier, or pgx.Identifier{name}.Sanitize()"
}

type textPos uint8

const (
	posUnknown textPos = iota
	posValue           // where a literal or a parameter goes
	posName            // where a table, column or keyword goes
)

var (
	valueEnd = regexp.MustCompile(`(?i)(=|<|>|!=|<>|~|~\*|\blike|\bilike|\bin\s*\(|\bvalues\s*\(|\blimit|\boffset|\bbetween|\bsimilar\s+to)\s*$`)
	nameEnd  = regexp.MustCompile(`(?i)(\border\s+by|\bgroup\s+by|\bfrom|\bjoin|\binto|\bupdate|\btable|\btruncate|\bschema|\bview|\bsequence|\bindex|\bselect|\bdistinct|\bto|\.)\s*$`)
)

// position classifies the place in a SQL text right after pre.
func position(pre string) textPos {
	if strings.Count(pre, "'")%2 == 1 {
		return posValue // inside a string literal
	}
	if strings.Count(pre, `"`)%2 == 1 {
		return posName // inside a quoted identifier
	}
	switch {
	case valueEnd.MatchString(pre):
		return posValue
	case nameEnd.MatchString(pre):
		return posName
	}
	return posUnknown
}

var dollarParam = regexp.MustCompile(`\$([0-9]+)`)

// nextPlaceholder is the placeholder a new argument would take in text.
func nextPlaceholder(call *sqlcall.Call, text string) string {
	switch call.Placeholders {
	case sqlcall.Question:
		return "?"
	case sqlcall.NamedColon:
		return ":name"
	case sqlcall.NamedAt:
		return "@name"
	}
	n := 0
	for _, m := range dollarParam.FindAllStringSubmatch(text, -1) {
		if i, err := strconv.Atoi(m[1]); err == nil && i > n && i < 65536 {
			n = i
		}
	}
	return "$" + strconv.Itoa(n+1)
}
