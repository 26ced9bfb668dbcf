package nplusone

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/printer"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/dbfacts"
	"github.com/dblint/dblint/passes/sqlcall"
)

// Name is the analyzer's name.
const Name = "nplusone"

// Analyzer reports queries executed once per loop iteration.
var Analyzer = &analysis.Analyzer{
	Name:     Name,
	Doc:      doc,
	URL:      "https://github.com/dblint/dblint/blob/main/docs/rules.md#nplusone",
	Run:      run,
	Requires: []*analysis.Analyzer{dbconfig.Analyzer, sqlcall.Analyzer, dbfacts.Analyzer},
}

// Rules are nplusone's rule ids.
var Rules = []report.Rule{
	{Analyzer: Name, ID: "n-plus-one", Severity: report.Warning, Summary: "a query executed once per loop iteration, directly or through calls"},
	{Analyzer: Name, ID: "write-in-loop", Severity: report.Warning, Summary: "an INSERT, UPDATE or DELETE executed once per loop iteration"},
	{Analyzer: Name, ID: "query-in-rows-loop", Severity: report.Error, Summary: "a query on the pool while the loop holds the open rows of another"},
}

// Loops this small are not N+1: a handful of queries, known in advance.
const (
	smallCount   = 10 // iterations of a counted loop or a range over an int
	smallLiteral = 5  // elements of a composite literal ranged over
)

// blockingCalls block the goroutine: a loop that makes one is a worker,
// poll or retry loop, paced by time or by its input.
var blockingCalls = map[string]bool{
	"time.Sleep":             true, // Sleep(d Duration)
	"(*sync.Cond).Wait":      true, // Wait()
	"(*sync.WaitGroup).Wait": true, // Wait()
}

// goStarters start their function argument on a new goroutine.
var goStarters = map[string]bool{
	"(*golang.org/x/sync/errgroup.Group).Go":    true, // Go(f func() error)
	"(*golang.org/x/sync/errgroup.Group).TryGo": true, // TryGo(f func() error) bool
	"(*sync.WaitGroup).Go":                      true, // Go(f func()) (Go 1.25)
}

// iteratorMethods advance an iterator in a loop condition: for rows.Next().
var iteratorMethods = map[string]bool{"Next": true, "Scan": true, "NextResultSet": true}

func run(pass *analysis.Pass) (any, error) {
	facts := pass.ResultOf[dbfacts.Analyzer].(*dbfacts.Result)
	if len(facts.Sites) == 0 {
		return nil, nil
	}
	cfg := pass.ResultOf[dbconfig.Analyzer].(*dbconfig.Config)
	in := pass.ResultOf[sqlcall.Analyzer].(*sqlcall.Result).Inspector()
	c := &checker{
		pass: pass, info: pass.TypesInfo, r: report.New(pass, cfg), facts: facts,
		loops: map[ast.Node]*loopInfo{},
	}
	for file := range in.Root().Children() {
		// Table-driven tests loop over their cases by design.
		if report.InTestFile(pass.Fset, file.Node().Pos()) {
			continue
		}
		for cur := range file.Preorder((*ast.CallExpr)(nil)) {
			if site := facts.Sites[cur.Node().(*ast.CallExpr)]; site != nil {
				c.site(cur, site)
			}
		}
	}
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	r     *report.Reporter
	facts *dbfacts.Result
	loops map[ast.Node]*loopInfo
}

// site walks up from a call that executes a query to the innermost loop
// that makes it run once per iteration, and reports it there.
func (c *checker) site(call inspector.Cursor, site *dbfacts.Site) {
	if site.Fact.Batched {
		return // already takes a set of keys: a loop over chunks is the fix
	}
	if site.Fact.Command == "" {
		return // the statement is not known: a migration runner, a wrapper taking SQL
	}
	if !site.Fact.Write && (!readCommands[site.Fact.Command] || site.Fact.Scalar) {
		// TRUNCATE, SET, LOCK, DDL, CALL, SELECT pg_notify(...): nothing
		// to load in one query.
		return
	}
	goroutine := false
	child := call
	for p := call.Parent(); p.Node() != nil; child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			return
		case *ast.FuncLit:
			if !dbfacts.ValueRuns(c.info, p) {
				return // built here, run later by someone else
			}
			if c.startsGoroutine(p) {
				goroutine = true
			}
		case *ast.GoStmt:
			goroutine = true
		case *ast.RangeStmt, *ast.ForStmt:
			if k := child.ParentEdgeKind(); k != edge.RangeStmt_Body && k != edge.ForStmt_Body {
				continue // in the loop's header: runs once, or per test of the condition
			}
			lp := c.loop(p)
			switch lp.kind {
			case barrier:
				return
			case transparent:
				continue
			}
			switch exitsAfter(call, p) {
			case exitFunc:
				return // runs once: the function returns right after it
			case exitLoop:
				continue // runs once per run of this loop: look further out
			}
			if goroutine && lp.counted {
				// for i := range workers { go work(jobs) }: a fixed
				// number of goroutines, not one per item.
				return
			}
			if site.Fact.Write && !goroutine && c.txPerIteration(site.Call, p.Node()) {
				// Each iteration is its own transaction (a migration
				// runner, per-item processing that must commit or fail
				// alone): the writes cannot be one statement.
				return
			}
			c.report(site, n, lp, goroutine)
			return
		}
	}
}

// readCommands are the statements that read rows, which n-plus-one is
// about (writes are write-in-loop's).
var readCommands = map[string]bool{"SELECT": true, "WITH": true, "VALUES": true, "TABLE": true}

// txPerIteration reports whether call runs on a transaction begun inside
// loop (its receiver or an argument is a variable declared in the loop
// and assigned from a Begin call).
func (c *checker) txPerIteration(call *ast.CallExpr, loop ast.Node) bool {
	inLoop := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := c.info.Uses[id].(*types.Var)
		return ok && v.Pos() > loop.Pos() && v.Pos() < loop.End() && c.begunIn(v, loop)
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && inLoop(sel.X) {
		return true
	}
	for _, a := range call.Args {
		if inLoop(a) {
			return true
		}
	}
	return false
}

// begunIn reports whether v is assigned, inside loop, the result of a
// method named Begin...: db.Begin(), pool.BeginTx(ctx, opts).
func (c *checker) begunIn(v *types.Var, loop ast.Node) bool {
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for i, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok || (c.info.Defs[id] != v && c.info.Uses[id] != v) {
				continue
			}
			rhs := as.Rhs[min(i, len(as.Rhs)-1)]
			if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok {
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "Begin") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// startsGoroutine reports whether the function literal at lit is started on
// a goroutine: go func() {...}(), g.Go(func() error {...}).
func (c *checker) startsGoroutine(lit inspector.Cursor) bool {
	for lit.ParentEdgeKind() == edge.ParenExpr_X {
		lit = lit.Parent()
	}
	switch lit.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		_, ok := lit.Parent().Parent().Node().(*ast.GoStmt)
		return ok
	case edge.CallExpr_Args:
		fn, _ := typeutil.Callee(c.info, lit.Parent().Node().(*ast.CallExpr)).(*types.Func)
		return fn != nil && goStarters[fn.FullName()]
	}
	return false
}

func (c *checker) report(site *dbfacts.Site, loop ast.Node, lp *loopInfo, goroutine bool) {
	f := site.Fact
	where := fmt.Sprintf("the loop over %q", lp.collection)
	if lp.loadedBy != "" {
		where += " (loaded by " + lp.loadedBy + ")"
	}
	call := site.Call
	if lp.rows != nil && samePool(lp.rows, site) {
		c.r.ReportNode("query-in-rows-loop", call, fmt.Sprintf(
			"query runs inside %s while its rows hold a pool connection: each iteration asks the same pool for another, which deadlocks when the pool is exhausted: %s; read the rows into a slice and close them first, or join the two queries",
			where, f.Evidence()))
		return
	}
	if f.Write {
		verb := f.Command
		if verb == "" {
			verb = "write"
		}
		if goroutine {
			c.r.ReportNode("write-in-loop", call, fmt.Sprintf(
				"%s runs in a goroutine started once per iteration of %s: they run in parallel and exhaust the pool: %s; %s",
				verb, where, f.Evidence(), writeRemedy(f)))
			return
		}
		c.r.ReportNode("write-in-loop", call, fmt.Sprintf(
			"%s runs once per iteration of %s: %s; %s", verb, where, f.Evidence(), writeRemedy(f)))
		return
	}
	if goroutine {
		c.r.ReportNode("n-plus-one", call, fmt.Sprintf(
			"query runs in a goroutine started once per iteration of %s: they run in parallel and exhaust the pool (N+1): %s; %s",
			where, f.Evidence(), readRemedy(f)))
		return
	}
	remedy := readRemedy(f)
	if c.invariant(call, loop) {
		remedy = "it does not depend on the iteration: run it once before the loop"
	}
	c.r.ReportNode("n-plus-one", call, fmt.Sprintf(
		"query runs once per iteration of %s (N+1): %s; %s", where, f.Evidence(), remedy))
}

func key(f *dbfacts.QueriesFact) string {
	if f.Key != "" {
		return f.Key
	}
	return "id"
}

func readRemedy(f *dbfacts.QueriesFact) string {
	if f.API == string(sqlcall.Gorm) {
		return fmt.Sprintf("load them in one query (Where(%q, keys)) or with Preload", key(f)+" IN ?")
	}
	return fmt.Sprintf("load them in one query (WHERE %s = ANY($1)) or join", key(f))
}

func writeRemedy(f *dbfacts.QueriesFact) string {
	pgx := f.API == string(sqlcall.Pgx) || f.API == string(sqlcall.Pgxpool)
	batch := ""
	if pgx {
		batch = ", or queue them on a pgx.Batch"
	}
	switch {
	case f.API == string(sqlcall.Gorm) && (f.Command == "INSERT" || f.Command == "UPSERT"):
		return "create them with one Create of a slice, or CreateInBatches"
	case f.API == string(sqlcall.Gorm):
		return fmt.Sprintf("change them in one statement (Where(%q, keys))", key(f)+" IN ?")
	case f.Command == "INSERT" && pgx:
		return "insert them in one statement (a multi-row INSERT, INSERT ... SELECT * FROM unnest($1::...[]), or CopyFrom)" + batch
	case f.Command == "INSERT":
		return "insert them in one statement (a multi-row INSERT, or INSERT ... SELECT * FROM unnest($1::...[]))"
	case f.Command == "UPDATE":
		return "update them in one statement (UPDATE ... FROM unnest($1::...[], $2::...[]))" + batch
	case f.Command == "DELETE":
		return fmt.Sprintf("delete them in one statement (WHERE %s = ANY($1))", key(f)) + batch
	}
	return "send them in one statement (a multi-row INSERT, unnest($1::...[]), or CopyFrom)" + batch
}

// samePool reports whether a query runs on the pool whose connection the
// open rows hold. Calls on the same receiver expression are; through a
// function, the same kind of pool is taken to be the same pool (a program
// rarely has two).
func samePool(rows, q *dbfacts.Site) bool {
	rf, qf := rows.Fact, q.Fact
	if rf.Receiver != string(sqlcall.RecvPool) || qf.Receiver != string(sqlcall.RecvPool) || family(rf.API) != family(qf.API) {
		return false
	}
	if rows.Direct != nil && q.Direct != nil {
		return rows.Direct.Recv != nil && q.Direct.Recv != nil &&
			types.ExprString(rows.Direct.Recv) == types.ExprString(q.Direct.Recv)
	}
	return true
}

func family(api string) string {
	switch sqlcall.API(api) {
	case sqlcall.DatabaseSQL, sqlcall.Sqlx:
		return "database/sql"
	case sqlcall.Pgx, sqlcall.Pgxpool:
		return "pgx"
	}
	return api
}

// invariant reports whether a call uses nothing the loop declares or
// changes: the same query every time.
func (c *checker) invariant(call *ast.CallExpr, loop ast.Node) bool {
	changed := c.changedIn(loop)
	ok := true
	ast.Inspect(call, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Ident:
			if v, isVar := c.info.Uses[x].(*types.Var); isVar {
				if (v.Pos() >= loop.Pos() && v.Pos() < loop.End()) || changed[v] {
					ok = false
				}
			}
		case *ast.CallExpr:
			if x != call {
				if tv, found := c.info.Types[x.Fun]; !found || !tv.IsType() {
					ok = false // a call may give something new each time
				}
			}
		case *ast.FuncLit:
			ok = false
		}
		return ok
	})
	return ok
}

// changedIn returns the variables a loop assigns.
func (c *checker) changedIn(loop ast.Node) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	mark := func(e ast.Expr) {
		if id, ok := sqlcall.BaseOperand(e).(*ast.Ident); ok {
			if v, ok := c.info.ObjectOf(id).(*types.Var); ok {
				out[v] = true
			}
		}
	}
	ast.Inspect(loop, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				mark(l)
			}
		case *ast.IncDecStmt:
			mark(x.X)
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				mark(x.X)
			}
		case *ast.RangeStmt:
			if x.Key != nil {
				mark(x.Key)
			}
			if x.Value != nil {
				mark(x.Value)
			}
		}
		return true
	})
	return out
}

// exit says how the code right after a query leaves the loop.
type exit int

const (
	exitNone exit = iota
	exitLoop      // break: the query runs once per run of the loop
	exitFunc      // return or panic: the query runs once
)

// exitsAfter reports whether the statements after the one holding the call
// leave the loop unconditionally, with no continue before: a first-match
// search (if x matches { q(); return }).
func exitsAfter(call, loop inspector.Cursor) exit {
	label := ""
	if ls, ok := loop.Parent().Node().(*ast.LabeledStmt); ok {
		label = ls.Label.Name
	}
	var path []inspector.Cursor
	for p := call; p != loop; p = p.Parent() {
		if _, ok := p.Node().(*ast.FuncLit); ok {
			return exitNone // a return in there leaves the literal, not the loop
		}
		path = append(path, p)
	}
	for j, cur := range path {
		k, idx := cur.ParentEdge()
		var list []ast.Stmt
		switch p := cur.Parent().Node().(type) {
		case *ast.BlockStmt:
			if k == edge.BlockStmt_List {
				list = p.List
			}
		case *ast.CaseClause:
			if k == edge.CaseClause_Body {
				list = p.Body
			}
		case *ast.CommClause:
			if k == edge.CommClause_Body {
				list = p.Body
			}
		}
		if list == nil {
			continue
		}
		// Between this list and the loop, a switch or select takes an
		// unlabelled break, an inner loop a break or a continue.
		inSwitch, inLoop := false, false
		for _, up := range path[j+1:] {
			switch up.Node().(type) {
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				inSwitch = true
			case *ast.ForStmt, *ast.RangeStmt:
				inLoop = true
			}
		}
		if continues(list[idx+1:], label, inLoop) {
			return exitNone
		}
		switch last := list[len(list)-1].(type) {
		case *ast.ReturnStmt:
			return exitFunc
		case *ast.ExprStmt:
			if isPanic(last.X) {
				return exitFunc
			}
		case *ast.BranchStmt:
			if last.Tok == token.BREAK && (last.Label == nil && !inSwitch && !inLoop || last.Label != nil && last.Label.Name == label) {
				return exitLoop
			}
		}
	}
	return exitNone
}

func isPanic(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := call.Fun.(*ast.Ident)
	return ok && id.Name == "panic"
}

// continues reports whether statements may continue the loop labelled
// label (or, unlabelled, when they are not inside another loop: inner) or
// jump away with goto.
func continues(stmts []ast.Stmt, label string, inner bool) bool {
	found := false
	var visit func(n ast.Node, inner bool)
	visit = func(n ast.Node, inner bool) {
		if isLoop(n) {
			inner = true
		}
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch x := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				if m != n {
					visit(m, true)
					return false
				}
			case *ast.BranchStmt:
				switch {
				case x.Tok == token.GOTO,
					x.Tok == token.CONTINUE && x.Label == nil && !inner,
					x.Tok == token.CONTINUE && x.Label != nil && x.Label.Name == label:
					found = true
				}
			}
			return true
		})
	}
	for _, s := range stmts {
		visit(s, inner)
	}
	return found
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// source prints an expression as written, on one line.
func (c *checker) source(e ast.Expr, width int) string {
	var b strings.Builder
	if err := printer.Fprint(&b, c.pass.Fset, e); err != nil {
		return types.ExprString(e)
	}
	return report.Shorten(b.String(), width)
}

func constInt(info *types.Info, e ast.Expr) (int64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}
