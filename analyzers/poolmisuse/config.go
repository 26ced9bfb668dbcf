package poolmisuse

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/sqlcall"
)

// checkPoolLimits reports a *sql.DB opened without a limit on open
// connections (pool-unbounded), and idle limits above open limits
// (pool-idle-exceeds-open).
func (c *checker) checkPoolLimits() {
	type limit struct {
		idle, open *ast.CallExpr
		nIdle      int64
		nOpen      int64
	}
	limits := make(map[string]*limit) // function + receiver -> limits
	var order []string
	c.in.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn := typeutil.StaticCallee(c.info, call)
		if fn == nil || fn.Pkg() == nil {
			return
		}
		if op, ok := poolOpeners[fn.FullName()]; ok && op.sqlDB {
			// A test opens a pool for itself and closes it.
			if !report.InTestFile(c.pass.Fset, call.Pos()) {
				c.checkUnbounded(call)
			}
			return
		}
		if fn.Pkg().Path() != "database/sql" || (fn.Name() != "SetMaxIdleConns" && fn.Name() != "SetMaxOpenConns") || len(call.Args) != 1 {
			return
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return
		}
		tv, ok := c.info.Types[call.Args[0]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
			return
		}
		val, _ := constant.Int64Val(tv.Value)
		fb := c.enclosingFunc(call)
		if fb == nil {
			return
		}
		key := fmt.Sprintf("%d/%s", fb.node.Pos(), types.ExprString(sel.X))
		l := limits[key]
		if l == nil {
			l = new(limit)
			limits[key] = l
			order = append(order, key)
		}
		if fn.Name() == "SetMaxIdleConns" {
			l.idle, l.nIdle = call, val
		} else {
			l.open, l.nOpen = call, val
		}
	})
	for _, key := range order {
		l := limits[key]
		if l.idle == nil || l.open == nil || l.nOpen <= 0 || l.nIdle <= l.nOpen {
			continue
		}
		recv := types.ExprString(ast.Unparen(l.idle.Fun).(*ast.SelectorExpr).X)
		c.r.ReportNode("pool-idle-exceeds-open", l.idle, fmt.Sprintf("SetMaxIdleConns(%d) exceeds SetMaxOpenConns(%d) on %q: database/sql silently lowers the idle limit to %d; set it to at most %d",
			l.nIdle, l.nOpen, recv, l.nOpen, l.nOpen))
	}
}

// checkUnbounded reports sql.Open (and sqlx's) whose pool the opening
// function neither limits with SetMaxOpenConns nor hands to someone else
// who might (returned, stored, passed to a function).
func (c *checker) checkUnbounded(call *ast.CallExpr) {
	v := c.assignedVar(call)
	fb := c.enclosingFunc(call)
	if v == nil || fb == nil || !isLocal(v, fb) {
		return
	}
	limited, escaped := false, false
	ast.Inspect(fb.body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || c.info.Uses[id] != v {
			return true
		}
		// Climb db.DB.SetMaxOpenConns to its call.
		var node ast.Node = id
		for {
			if sel, ok := c.parents[node].(*ast.SelectorExpr); ok && sel.X == node {
				node = sel
				continue
			}
			break
		}
		if sel, ok := node.(*ast.SelectorExpr); ok {
			if call, ok := c.parents[sel].(*ast.CallExpr); ok && call.Fun == sel {
				if sel.Sel.Name == "SetMaxOpenConns" {
					limited = true
				}
				return true
			}
			escaped = true // db.DB handed somewhere
			return true
		}
		switch p := c.parents[node].(type) {
		case *ast.BinaryExpr:
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == node {
					return true
				}
			}
			escaped = true
		default:
			escaped = true
		}
		return true
	})
	if limited || escaped {
		return
	}
	c.r.ReportNode("pool-unbounded", call, fmt.Sprintf("connection pool %q from %s has no limit on open connections (SetMaxOpenConns is never called): under load it opens connections until PostgreSQL refuses them (max_connections); call %s.SetMaxOpenConns",
		v.Name(), calleeName(call), v.Name()))
}

// checkPgbouncer reports, behind PgBouncer in transaction mode, pgx
// configurations that keep the cached-statement mode and explicit
// prepared statements (prepared-statements-with-pgbouncer).
func (c *checker) checkPgbouncer() {
	if c.conf == nil || c.conf.Pooler != "pgbouncer-transaction" {
		return
	}
	const why = "behind PgBouncer in transaction mode (pooler: pgbouncer-transaction) the next transaction may run on another server connection, where it does not exist"
	c.in.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn := typeutil.StaticCallee(c.info, call)
		if fn == nil {
			return
		}
		full := fn.FullName()
		if path, ok := pgxConfigParsers[full]; ok {
			c.checkPgxConfig(call, path, why)
			return
		}
		op, ok := poolOpeners[full]
		if !ok || op.dsn < 0 || op.dsn >= len(call.Args) {
			return
		}
		if op.driver >= 0 {
			drv, ok := c.constString(call.Args[op.driver])
			if !ok || !pgxDrivers[drv] {
				return // lib/pq and others use unnamed statements
			}
		} else if !strings.HasPrefix(fn.Pkg().Path(), "github.com/jackc/pgx/v5") {
			return
		}
		dsn, ok := c.constString(call.Args[op.dsn])
		if !ok || setsExecMode(dsn) {
			return
		}
		c.r.ReportNode("prepared-statements-with-pgbouncer", call, fmt.Sprintf("%s uses pgx's default QueryExecModeCacheStatement, which prepares every query as a named statement on the server; %s; add default_query_exec_mode=exec to the connection string",
			calleeName(call), why))
	})
	for _, call := range c.calls.Calls {
		if call.Kind != sqlcall.KindPrepare || call.Receiver == sqlcall.RecvTx {
			continue
		}
		c.r.ReportNode("prepared-statements-with-pgbouncer", call.Expr, fmt.Sprintf("%s creates a prepared statement on one server connection; %s; run the query directly, or prepare it inside a transaction",
			calleeName(call.Expr), why))
	}
}

// setsExecMode reports whether a connection string chooses a query
// execution mode other than the cached-statement default.
func setsExecMode(dsn string) bool {
	i := strings.Index(dsn, "default_query_exec_mode=")
	if i < 0 {
		return false
	}
	return !strings.HasPrefix(dsn[i+len("default_query_exec_mode="):], "cache_statement")
}

// checkPgxConfig reports a pgx config from ParseConfig whose
// DefaultQueryExecMode stays (or is set to) the cached-statement mode.
func (c *checker) checkPgxConfig(call *ast.CallExpr, path []string, why string) {
	v := c.assignedVar(call)
	fb := c.enclosingFunc(call)
	if v == nil || fb == nil || !isLocal(v, fb) {
		return
	}
	if len(call.Args) > 0 {
		if dsn, ok := c.constString(call.Args[0]); ok && setsExecMode(dsn) {
			return
		}
	}
	field := v.Name() + "." + strings.Join(path, ".")
	set, escaped := false, false
	ast.Inspect(fb.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if types.ExprString(l) != field || rootIdent(l) == nil || c.varOf(rootIdent(l)) != v || len(n.Rhs) != len(n.Lhs) {
					continue
				}
				set = true
				if name := lastName(n.Rhs[i]); pgxCachedStatementModes[name] {
					c.r.ReportNode("prepared-statements-with-pgbouncer", n, fmt.Sprintf("%s = %s prepares every query as a named statement on the server; %s; use pgx.QueryExecModeExec", field, types.ExprString(n.Rhs[i]), why))
				}
			}
		case *ast.Ident:
			if c.info.Uses[n] != v {
				return true
			}
			node, p := c.outerOf(n)
			switch p := p.(type) {
			case *ast.SelectorExpr:
			case *ast.CallExpr:
				fn := typeutil.StaticCallee(c.info, p)
				if fn == nil {
					escaped = true
					return true
				}
				if op, ok := poolOpeners[fn.FullName()]; !ok || op.pgxConfig < 0 || op.pgxConfig >= len(p.Args) || p.Args[op.pgxConfig] != node {
					escaped = true
				}
			case *ast.BinaryExpr:
			default:
				escaped = true
			}
		}
		return true
	})
	if set || escaped {
		return
	}
	c.r.ReportNode("prepared-statements-with-pgbouncer", call, fmt.Sprintf("pgx config from %s keeps the default QueryExecModeCacheStatement, which prepares every query as a named statement on the server; %s; set %s = pgx.QueryExecModeExec",
		calleeName(call), why, field))
}

// lastName is the identifier an expression ends with (pgx.X -> X).
func lastName(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// constString returns the value of a constant string expression.
func (c *checker) constString(e ast.Expr) (string, bool) {
	tv, ok := c.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}
