package sqlcall

import (
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestPositions(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), silent, "positions")
	if len(results) != 1 || results[0].Err != nil {
		t.Fatalf("results: %+v", results)
	}
	pass, res := results[0].Pass, results[0].Result.(*Result)
	file := filepath.Join(analysistest.TestData(), "src", "positions", "positions.go")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// at returns the source offset of the unique occurrence of s.
	at := func(s string) int {
		t.Helper()
		i := strings.Index(string(src), s)
		if i < 0 || strings.Count(string(src), s) != 1 {
			t.Fatalf("%q is not unique in the fixture", s)
		}
		return i
	}
	offset := func(p token.Pos) int { return pass.Fset.Position(p).Offset }

	if got, want := res.Stats, (Stats{Found: 6, Resolved: 5, Unresolved: 1, Parsed: 4}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	cases := []struct {
		call   int
		needle string // in Query.Text
		source string // where it must map to in the file
		lit    bool
	}{
		{0, "AND id", "AND id", true}, // after an escape and a multi-byte rune
		{0, "SELECT", `SELECT id FROM users WHERE name`, true},
		{1, "WHERE id", "WHERE id = $1`", true}, // third line of a raw string
		{2, "FROM b", "FROM b", false},          // second operand of +
		{3, "WHERE x", "WHERE x", false},        // after a Sprintf verb
		{3, DynPrefix + "0__", "table), 1)", false},
	}
	for _, c := range cases {
		q := res.Calls[c.call].Queries[0]
		i := strings.Index(q.Text, c.needle)
		if i < 0 {
			t.Fatalf("call %d: %q not in %q", c.call, c.needle, q.Text)
		}
		if got, want := offset(q.PosAt(i)), at(c.source); got != want {
			t.Errorf("call %d: PosAt(%q) at offset %d, want %d", c.call, c.needle, got, want)
		}
		if (q.Lit != nil) != c.lit {
			t.Errorf("call %d: Lit = %v, want %v", c.call, q.Lit, c.lit)
		}
	}
	h := res.Calls[3].Queries[0].Holes
	if len(h) != 1 || h[0].Kind != HoleSprintf || h[0].Verb != "%s" || types.ExprString(h[0].Expr) != "table" {
		t.Errorf("holes = %+v", h)
	}
	if q := res.Calls[3].Queries[0]; q.Text[h[0].Offset:h[0].Offset+len(h[0].Marker)] != h[0].Marker || !q.Dynamic {
		t.Errorf("hole offset %d does not point at its marker in %q", h[0].Offset, q.Text)
	}
	// Unresolved and unparsable calls point at the call.
	bad := res.Calls[5].Queries[0]
	if bad.ParseErr == nil || bad.Stmt != nil || offset(bad.PosAt(100)) != offset(res.Calls[5].Expr.Pos()) {
		t.Errorf("bad query: err=%v stmt=%v", bad.ParseErr, bad.Stmt)
	}
	if res.ByExpr[res.Calls[4].Expr] != res.Calls[4] || len(res.Calls[4].Queries) != 0 {
		t.Errorf("unresolved call: %+v", res.Calls[4])
	}
	if st := res.Calls[1].Queries[0].Stmt; st == nil || st.Node.GetSelectStmt() == nil {
		t.Errorf("raw query did not parse into a SELECT: %+v", st)
	}
	if fn, ok := res.Calls[0].Func.(interface{ Pos() token.Pos }); !ok || fn == nil {
		t.Errorf("enclosing function not recorded")
	}
}

func TestRewritePlaceholders(t *testing.T) {
	cases := []struct {
		style  Placeholder
		text   string
		parsed string
		params []string
	}{
		{Question, "SELECT * FROM t WHERE a = ? AND b IN (?)", "SELECT * FROM t WHERE a = $1 AND b IN ($2)", nil},
		{Question, "SELECT '?' , \"?\" , data ? 'k', data ?| array['a'] -- ?\n WHERE x = ? /* ? */", "SELECT '?' , \"?\" , data $1 'k', data ?| array['a'] -- ?\n WHERE x = $2 /* ? */", nil},
		{Question, "SELECT $$ ? $$, $tag$ ? $tag$, E'\\' ?', ?", "SELECT $$ ? $$, $tag$ ? $tag$, E'\\' ?', $1", nil},
		{NamedColon, "INSERT INTO t (a, b) VALUES (:a, :b_2) RETURNING a::text, :a", "INSERT INTO t (a, b) VALUES ($1, $2) RETURNING a::text, $1", []string{"a", "b_2"}},
		{NamedColon, "SELECT ':x', arr[1:2] FROM t WHERE u = :user.id", "SELECT ':x', arr[1:2] FROM t WHERE u = $1", []string{"user.id"}},
		{NamedAt, "SELECT * FROM t WHERE a = @a AND tags @> @tags AND b = @a", "SELECT * FROM t WHERE a = $1 AND tags @> $2 AND b = $1", []string{"a", "tags"}},
		{Dollar, "SELECT ? FROM t WHERE a = $1", "SELECT ? FROM t WHERE a = $1", nil},
	}
	for _, c := range cases {
		parsed, params, edits := rewritePlaceholders(c.text, c.style)
		if parsed != c.parsed || !reflect.DeepEqual(params, c.params) {
			t.Errorf("%s %q:\n got %q %q\nwant %q %q", c.style, c.text, parsed, params, c.parsed, c.params)
			continue
		}
		q := Query{Text: c.text, Parsed: parsed, edits: edits}
		// Every token after a placeholder maps back to the same text.
		for _, word := range []string{"FROM", "RETURNING", "WHERE"} {
			if p := strings.LastIndex(parsed, word); p >= 0 {
				if got := q.TextOffset(p); got != strings.LastIndex(c.text, word) {
					t.Errorf("%q: TextOffset(%d) = %d, want %d", c.text, p, got, strings.LastIndex(c.text, word))
				}
			}
		}
	}
}

func TestParseFormat(t *testing.T) {
	cases := []struct {
		format string
		verbs  string // the verbs found, "%" for %%
		ok     bool
	}{
		{"SELECT %s FROM %q WHERE a = %-5d%%", "sqd%", true},
		{"%v%+v%#v %.2f %08.3f", "vvvff", true},
		{"%[1]s", "", false},
		{"%*d", "", false},
		{"%.*d", "", false},
		{"trailing %", "", false},
		{"%9999999d", "", false},
		{"é %é", "é", true},
	}
	for _, c := range cases {
		pieces, ok := parseFormat(c.format)
		if ok != c.ok {
			t.Errorf("parseFormat(%q) ok = %v", c.format, ok)
			continue
		}
		var verbs []rune
		for _, p := range pieces {
			if p.kind != pieceText {
				verbs = append(verbs, p.verb)
			}
		}
		if ok && string(verbs) != c.verbs {
			t.Errorf("parseFormat(%q) verbs = %q, want %q", c.format, string(verbs), c.verbs)
		}
	}
}

func TestSQLCName(t *testing.T) {
	for text, want := range map[string][2]string{
		"-- name: GetUser :one\nSELECT 1":   {"GetUser", ":one"},
		"\n  --name:   ListUsers   :many\n": {"ListUsers", ":many"},
		"-- a comment\nSELECT 1":            {"", ""},
		"SELECT 1 -- name: X :one":          {"", ""},
	} {
		if n, c := sqlcName(text); n != want[0] || c != want[1] {
			t.Errorf("sqlcName(%q) = %q %q, want %q", text, n, c, want)
		}
	}
}

// TestKnowledge checks the table against the stubs' real signatures: the
// SQL argument is a string, the destination and named argument are any,
// and the first argument index starts the variadic tail.
func TestKnowledge(t *testing.T) {
	seen := make(map[string]bool)
	for _, e := range Table {
		if seen[e.Callee] {
			t.Errorf("%s: duplicate entry", e.Callee)
		}
		seen[e.Callee] = true
		if e.SQL == none && e.Kind.HasSQL() && e.Flags&Prepared == 0 {
			t.Errorf("%s: kind %s needs SQL", e.Callee, e.Kind)
		}
	}
	checked := 0
	check := &analysis.Analyzer{
		Name: "knowledgecheck",
		Doc:  "checks the table against the stubs (tests only)",
		Run: func(pass *analysis.Pass) (any, error) {
			pkgs := make(map[string]*types.Package)
			for _, p := range pass.Pkg.Imports() {
				pkgs[p.Path()] = p
				for _, q := range p.Imports() {
					pkgs[q.Path()] = q
				}
			}
			for _, e := range Table {
				fn := lookupCallee(pkgs, e.Callee)
				if fn == nil {
					t.Errorf("%s: not in the stubs", e.Callee)
					continue
				}
				checked++
				sig := fn.Signature()
				param := func(i int) types.Type { return sig.Params().At(i).Type() }
				if e.SQL >= 0 && e.Kind != KindCopyFrom && types.TypeString(param(e.SQL), nil) != "string" && types.TypeString(param(e.SQL), nil) != "any" {
					t.Errorf("%s: argument %d is %s, not the SQL", e.Callee, e.SQL, param(e.SQL))
				}
				if e.Kind == KindCopyFrom && (typeName(param(e.SQL)) != "github.com/jackc/pgx/v5.Identifier" || types.TypeString(param(e.SQL+1), nil) != "[]string") {
					t.Errorf("%s: table and columns are not at %d, %d", e.Callee, e.SQL, e.SQL+1)
				}
				if e.Dest >= 0 && types.TypeString(param(e.Dest), nil) != "any" {
					t.Errorf("%s: destination %d is %s", e.Callee, e.Dest, param(e.Dest))
				}
				if e.Args >= 0 && (e.Args >= sig.Params().Len() || !sig.Variadic() && e.Flags&NamedArg == 0 && e.Args != sig.Params().Len()-1) {
					t.Errorf("%s: arguments do not start at %d", e.Callee, e.Args)
				}
				if e.RecvArg >= 0 && !types.IsInterface(param(e.RecvArg)) {
					t.Errorf("%s: receiver argument %d is %s", e.Callee, e.RecvArg, param(e.RecvArg))
				}
			}
			for callee, rw := range Rewrites {
				if fn := lookupCallee(pkgs, callee); fn != nil && types.TypeString(fn.Signature().Params().At(rw.SQL).Type(), nil) != "string" {
					t.Errorf("%s: argument %d is not the SQL", callee, rw.SQL)
				}
			}
			return nil, nil
		},
	}
	analysistest.Run(t, analysistest.TestData(), check, "knowledge")
	if checked != len(Table) {
		t.Errorf("only %d entries checked against stubs", checked)
	}
}

// lookupCallee resolves a qualified callee in a set of packages.
func lookupCallee(pkgs map[string]*types.Package, callee string) *types.Func {
	if path, typ, method, ptr, ok := splitCallee(callee); ok {
		p := pkgs[path]
		if p == nil {
			return nil
		}
		tn, ok := p.Scope().Lookup(typ).(*types.TypeName)
		if !ok {
			return nil
		}
		t := tn.Type()
		if ptr {
			t = types.NewPointer(t)
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, p, method)
		fn, _ := obj.(*types.Func)
		if fn != nil && fn.FullName() != callee {
			return nil // promoted from an embedded type
		}
		return fn
	}
	dot := strings.LastIndexByte(callee, '.')
	if p := pkgs[callee[:dot]]; p != nil {
		fn, _ := p.Scope().Lookup(callee[dot+1:]).(*types.Func)
		return fn
	}
	return nil
}
