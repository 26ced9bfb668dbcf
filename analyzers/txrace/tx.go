package txrace

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// collectAssigns records every variable's assignments, to resolve an
// options variable to the literal it holds.
func (c *checker) collectAssigns() {
	info := c.pass.TypesInfo
	filter := []ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil), (*ast.IncDecStmt)(nil)}
	for cur := range c.in.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				v := c.identVar(lhs)
				if v == nil {
					if root := rootVar(info, lhs); root != nil {
						c.changed[root] = true
					}
					continue
				}
				if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
					c.changed[v] = true
					continue
				}
				var rhs ast.Expr
				if len(n.Rhs) == len(n.Lhs) {
					rhs = n.Rhs[i]
				}
				c.assigns[v] = append(c.assigns[v], rhs)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				v, ok := info.Defs[name].(*types.Var)
				if !ok {
					continue
				}
				var rhs ast.Expr
				if len(n.Values) == len(n.Names) {
					rhs = n.Values[i]
				}
				c.assigns[v] = append(c.assigns[v], rhs)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if root := rootVar(info, n.X); root != nil {
					c.changed[root] = true
				}
			}
		case *ast.IncDecStmt:
			if root := rootVar(info, n.X); root != nil {
				c.changed[root] = true
			}
		}
	}
}

// rootVar returns the variable at the base of x, x.f, x[i], *x.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := sqlcall.BaseOperand(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil {
		v, _ = info.Defs[id].(*types.Var)
	}
	if v != nil && v.IsField() {
		return nil
	}
	return v
}

// valueOf resolves a variable assigned exactly once, and never changed
// otherwise, to the expression it holds.
func (c *checker) valueOf(v *types.Var) ast.Expr {
	if c.changed[v] || len(c.assigns[v]) != 1 {
		return nil
	}
	return c.assigns[v][0]
}

// calleeOf returns the function or method a call statically calls.
func (c *checker) calleeOf(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	return fn
}

// collectTransactions finds every transaction the package begins, with
// its isolation level: calls of the begin table (the options argument read
// when it is a literal or a variable holding one), BEGIN and SET
// TRANSACTION sent as SQL, callbacks that receive the transaction (pgx
// BeginFunc, and one level of the package's own helpers), and settings of
// the session's default level.
func (c *checker) collectTransactions() {
	var nested []*ast.CallExpr
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil), (*ast.BasicLit)(nil)) {
		if lit, ok := cur.Node().(*ast.BasicLit); ok {
			if lit.Kind == token.STRING && strings.Contains(lit.Value, "default_transaction_isolation") {
				c.sessionDefault = true
			}
			continue
		}
		call := cur.Node().(*ast.CallExpr)
		fn := c.calleeOf(call)
		if fn == nil {
			continue
		}
		e, ok := begins[fn.FullName()]
		if !ok {
			continue
		}
		if e.Nested {
			nested = append(nested, call)
			continue
		}
		lvl := levelReadCommitted
		if e.Opts != none {
			if e.Opts >= len(call.Args) {
				continue
			}
			lvl = c.isoOf(call.Args[e.Opts], 0)
		}
		if lvl == levelSerializable && !c.readOnlyDeferrable(call.Args[e.Opts], 0) {
			c.serializable = append(c.serializable, call)
		}
		if e.Fn != none {
			if e.Fn < len(call.Args) {
				if lit, ok := ast.Unparen(call.Args[e.Fn]).(*ast.FuncLit); ok {
					c.setTx(firstParam(c.pass.TypesInfo, lit.Type), lvl)
				}
			}
			continue
		}
		c.setTx(c.assignedVar(cur), lvl)
	}
	c.sqlTransactions()
	// Savepoints keep the level of the transaction they are in.
	for _, call := range nested {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		lvl := levelUnknown
		if v := c.identVar(sel.X); v != nil {
			if l, ok := c.txVars[v]; ok {
				lvl = l
			}
		}
		if cur, ok := c.in.Root().FindNode(call); ok {
			c.setTx(c.assignedVar(cur), lvl)
		}
	}
	c.helperCallbacks()
}

// assignedVar returns the variable that receives the first result of the
// call at cur (tx, err := db.Begin()).
func (c *checker) assignedVar(cur inspector.Cursor) *types.Var {
	switch k, i := cur.ParentEdge(); {
	case k == edge.AssignStmt_Rhs && i == 0:
		as := cur.Parent().Node().(*ast.AssignStmt)
		if len(as.Rhs) == 1 && (as.Tok == token.DEFINE || as.Tok == token.ASSIGN) {
			return c.identVar(as.Lhs[0])
		}
	case k == edge.ValueSpec_Values && i == 0:
		vs := cur.Parent().Node().(*ast.ValueSpec)
		if len(vs.Values) == 1 {
			v, _ := c.pass.TypesInfo.Defs[vs.Names[0]].(*types.Var)
			return v
		}
	}
	return nil
}

// setTx records the level of a transaction variable; a variable given
// transactions at different levels gets levelUnknown.
func (c *checker) setTx(v *types.Var, lvl level) {
	if v == nil {
		return
	}
	if old, ok := c.txVars[v]; ok && old != lvl {
		lvl = levelUnknown
	}
	c.txVars[v] = lvl
}

func firstParam(info *types.Info, ft *ast.FuncType) *types.Var {
	if ft.Params == nil || len(ft.Params.List) == 0 || len(ft.Params.List[0].Names) == 0 {
		return nil
	}
	v, _ := info.Defs[ft.Params.List[0].Names[0]].(*types.Var)
	return v
}

// isoOf returns the level an options argument asks for: nil and empty
// options are the default (READ COMMITTED); a level that is not a
// constant is unknown.
func (c *checker) isoOf(e ast.Expr, depth int) level {
	e = ast.Unparen(e)
	info := c.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.IsNil() {
		return levelReadCommitted
	}
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return c.isoOf(x.X, depth)
		}
	case *ast.CompositeLit:
		for i, el := range x.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				if i == 0 { // sql.TxOptions{level, readOnly}, pgx.TxOptions{level, ...}
					return c.constLevel(el)
				}
				continue
			}
			if id, ok := kv.Key.(*ast.Ident); ok && optionFields[id.Name] {
				return c.constLevel(kv.Value)
			}
		}
		return levelReadCommitted
	case *ast.Ident:
		if v := c.identVar(x); v != nil && depth < 4 {
			if rhs := c.valueOf(v); rhs != nil {
				return c.isoOf(rhs, depth+1)
			}
		}
	}
	return levelUnknown
}

// readOnlyDeferrable reports whether pgx options ask for a READ ONLY
// DEFERRABLE transaction, which waits for a safe snapshot and then never
// fails with a serialization error.
func (c *checker) readOnlyDeferrable(e ast.Expr, depth int) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		return x.Op == token.AND && c.readOnlyDeferrable(x.X, depth)
	case *ast.Ident:
		if v := c.identVar(x); v != nil && depth < 4 {
			if rhs := c.valueOf(v); rhs != nil {
				return c.readOnlyDeferrable(rhs, depth+1)
			}
		}
	case *ast.CompositeLit:
		var ro, def bool
		for _, el := range x.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			id, _ := kv.Key.(*ast.Ident)
			tv := c.pass.TypesInfo.Types[kv.Value]
			if id == nil || tv.Value == nil || tv.Value.Kind() != constant.String {
				continue
			}
			switch id.Name + "=" + strings.ToLower(constant.StringVal(tv.Value)) {
			case "AccessMode=read only":
				ro = true
			case "DeferrableMode=deferrable":
				def = true
			}
		}
		return ro && def
	}
	return false
}

// constLevel maps a constant isolation level (sql.LevelSerializable,
// pgx.RepeatableRead, "serializable") to a level.
func (c *checker) constLevel(e ast.Expr) level {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil {
		return levelUnknown
	}
	switch tv.Value.Kind() {
	case constant.Int:
		if n, ok := constant.Int64Val(tv.Value); ok {
			if l, ok := sqlLevels[n]; ok {
				return l
			}
		}
	case constant.String:
		if l, ok := pgLevels[strings.ToLower(constant.StringVal(tv.Value))]; ok {
			return l
		}
	}
	return levelUnknown
}

// sqlTransactions reads BEGIN, START TRANSACTION and SET TRANSACTION sent
// as SQL, and settings of the session default level.
func (c *checker) sqlTransactions() {
	for _, call := range c.calls.Calls {
		if call.Kind != sqlcall.KindExec || len(call.Queries) != 1 {
			continue
		}
		for _, st := range call.Queries[0].Statements {
			kind, lvl := txStatement(st.Node)
			switch kind {
			case txBegin:
				if call.Receiver == sqlcall.RecvConn {
					if v := c.identVar(call.Recv); v != nil {
						c.connVars[v] = lvl
					}
				}
			case txSet:
				var vars map[*types.Var]level
				switch call.Receiver {
				case sqlcall.RecvTx:
					vars = c.txVars
				case sqlcall.RecvConn:
					vars = c.connVars
				}
				if v := c.identVar(call.Recv); v != nil && vars != nil {
					vars[v] = lvl
				}
			case txSession:
				c.sessionDefault = true
				continue
			default:
				continue
			}
			if lvl == levelSerializable && !readOnlyDeferrableOptions(st.Node) {
				c.serializable = append(c.serializable, call.Expr)
			}
		}
	}
}

type txKind int

const (
	txNone    txKind = iota
	txBegin          // BEGIN / START TRANSACTION [ISOLATION LEVEL x]
	txSet            // SET TRANSACTION ISOLATION LEVEL x
	txSession        // SET SESSION CHARACTERISTICS AS TRANSACTION ..., SET default_transaction_isolation
)

// txStatement classifies a statement that begins a transaction or sets
// an isolation level, with the level.
func txStatement(n *pgsql.Node) (txKind, level) {
	if ts := n.GetTransactionStmt(); ts != nil {
		k := ts.GetKind()
		if k != pgsql.TransactionStmtKind_TRANS_STMT_BEGIN && k != pgsql.TransactionStmtKind_TRANS_STMT_START {
			return txNone, levelUnknown
		}
		return txBegin, isolationOption(ts.GetOptions())
	}
	vs := n.GetVariableSetStmt()
	if vs == nil {
		return txNone, levelUnknown
	}
	switch strings.ToLower(vs.GetName()) {
	case "transaction":
		lvl := isolationOption(vs.GetArgs())
		if lvl == levelReadCommitted && !hasIsolationOption(vs.GetArgs()) {
			return txNone, levelUnknown // SET TRANSACTION READ ONLY
		}
		return txSet, lvl
	case "session characteristics", "default_transaction_isolation":
		return txSession, levelUnknown
	}
	return txNone, levelUnknown
}

func hasIsolationOption(opts []*pgsql.Node) bool {
	for _, o := range opts {
		if de := o.GetDefElem(); de != nil && de.GetDefname() == "transaction_isolation" {
			return true
		}
	}
	return false
}

// isolationOption reads the transaction_isolation option of BEGIN or SET
// TRANSACTION; READ COMMITTED when there is none.
func isolationOption(opts []*pgsql.Node) level {
	for _, o := range opts {
		de := o.GetDefElem()
		if de == nil || de.GetDefname() != "transaction_isolation" {
			continue
		}
		if ac := de.GetArg().GetAConst(); ac != nil {
			if l, ok := pgLevels[strings.ToLower(ac.GetSval().GetSval())]; ok {
				return l
			}
		}
		return levelUnknown
	}
	return levelReadCommitted
}

// helperCallbacks gives one level of the package's own transaction
// helpers: in
//
//	func (s *Store) withTx(ctx context.Context, fn func(pgx.Tx) error) error {
//		tx, err := s.pool.Begin(ctx)
//		... fn(tx) ...
//	}
//
// the tx parameter of every function literal passed as fn gets the level
// of the transaction withTx begins.
func (c *checker) helperCallbacks() {
	info := c.pass.TypesInfo
	type slot struct {
		param, arg int
	}
	helpers := map[*types.Func]map[slot]level{}
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		obj, _ := info.Defs[decl.Name].(*types.Func)
		if obj == nil || decl.Body == nil {
			continue
		}
		params := map[*types.Var]int{}
		i := 0
		for _, f := range decl.Type.Params.List {
			for _, name := range f.Names {
				if v, ok := info.Defs[name].(*types.Var); ok {
					if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
						params[v] = i
					}
				}
				i++
			}
			if len(f.Names) == 0 {
				i++
			}
		}
		if len(params) == 0 {
			continue
		}
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			p := c.identVar(call.Fun)
			idx, ok := params[p]
			if !ok {
				return true
			}
			for j, a := range call.Args {
				if v := c.identVar(a); v != nil {
					if l, ok := c.txVars[v]; ok {
						if helpers[obj] == nil {
							helpers[obj] = map[slot]level{}
						}
						s := slot{idx, j}
						if old, seen := helpers[obj][s]; seen && old != l {
							l = levelUnknown
						}
						helpers[obj][s] = l
					}
				}
			}
			return true
		})
	}
	if len(helpers) == 0 {
		return
	}
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := c.calleeOf(call)
		slots := helpers[fn]
		if slots == nil {
			continue
		}
		for s, l := range slots {
			if s.param >= len(call.Args) {
				continue
			}
			lit, ok := ast.Unparen(call.Args[s.param]).(*ast.FuncLit)
			if !ok {
				continue
			}
			if v := nthParam(info, lit.Type, s.arg); v != nil {
				c.setTx(v, l)
			}
		}
	}
}

func nthParam(info *types.Info, ft *ast.FuncType, n int) *types.Var {
	i := 0
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			if i == n {
				v, _ := info.Defs[name].(*types.Var)
				return v
			}
			i++
		}
		if len(f.Names) == 0 {
			i++
		}
	}
	return nil
}

// readOnlyDeferrableOptions reports whether BEGIN or SET TRANSACTION asks
// for READ ONLY DEFERRABLE.
func readOnlyDeferrableOptions(n *pgsql.Node) bool {
	opts := n.GetTransactionStmt().GetOptions()
	if vs := n.GetVariableSetStmt(); vs != nil {
		opts = vs.GetArgs()
	}
	var ro, def bool
	for _, o := range opts {
		de := o.GetDefElem()
		if de == nil {
			continue
		}
		on := de.GetArg().GetAConst().GetIval().GetIval() == 1 || de.GetArg().GetBoolean().GetBoolval()
		switch de.GetDefname() {
		case "transaction_read_only":
			ro = on
		case "transaction_deferrable":
			def = on
		}
	}
	return ro && def
}
