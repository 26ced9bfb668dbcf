package sqlcall

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// pkgState is the state of one package: an index of variables built in one
// walk of the syntax, then the calls.
type pkgState struct {
	fset  *token.FileSet
	pkg   *types.Package
	info  *types.Info
	files []*ast.File
	in    *inspector.Inspector

	vars        map[*types.Var]*varInfo
	consts      map[*types.Const]ast.Expr // the declaring expression of constants of this package
	callCursors []inspector.Cursor
	generated   map[*token.File]bool

	shapes map[string][]shape // method name -> known methods, for interface calls; built on first need
}

// varInfo is what the walk saw of one variable.
type varInfo struct {
	assigns []*assign
	uses    []inspector.Cursor // identifiers referring to it, in source order
	// poisoned: the variable changes in ways the folder does not follow
	// (address taken, op-assignment, ++, range, element assignment).
	poisoned bool
}

// assign is one assignment (or declaration with a value) of a variable.
type assign struct {
	node  ast.Node         // *ast.AssignStmt or *ast.ValueSpec
	cur   inspector.Cursor // of node
	rhs   ast.Expr         // nil for "var x T"
	tuple bool             // rhs is a multi-value call and the variable gets result index
	index int
}

// shape is a known concrete method, matched against interface methods.
type shape struct {
	entry *Entry
	sig   *types.Signature
}

func newPkgState(fset *token.FileSet, pkg *types.Package, info *types.Info, files []*ast.File, in *inspector.Inspector) *pkgState {
	a := &pkgState{
		fset: fset, pkg: pkg, info: info, files: files, in: in,
		vars:      make(map[*types.Var]*varInfo),
		consts:    make(map[*types.Const]ast.Expr),
		generated: make(map[*token.File]bool),
	}
	for _, f := range files {
		if tf := fset.File(f.Pos()); tf != nil {
			a.generated[tf] = ast.IsGenerated(f)
		}
	}
	return a
}

func (a *pkgState) varInfo(v *types.Var) *varInfo {
	vi := a.vars[v]
	if vi == nil {
		vi = new(varInfo)
		a.vars[v] = vi
	}
	return vi
}

// identVar returns the variable (not field) an expression names.
func (a *pkgState) identVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	obj := a.info.Defs[id]
	if obj == nil {
		obj = a.info.Uses[id]
	}
	if v, ok := obj.(*types.Var); ok && !v.IsField() {
		return v
	}
	return nil
}

// poisonBase poisons the variable at the base of x[i], x[i:j], x.f.
func (a *pkgState) poisonBase(e ast.Expr) {
	if v := a.identVar(BaseOperand(e)); v != nil {
		a.varInfo(v).poisoned = true
	}
}

// collect is the one walk over the package.
func (a *pkgState) collect() {
	filter := []ast.Node{
		(*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil),
		(*ast.IncDecStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.Ident)(nil),
	}
	for cur := range a.in.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			a.callCursors = append(a.callCursors, cur)
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				v := a.identVar(lhs)
				if v == nil {
					a.poisonBase(lhs)
					continue
				}
				vi := a.varInfo(v)
				if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
					vi.poisoned = true
					continue
				}
				as := &assign{node: n, cur: cur}
				switch {
				case len(n.Rhs) == len(n.Lhs):
					as.rhs = n.Rhs[i]
				case len(n.Rhs) == 1:
					as.rhs, as.tuple, as.index = n.Rhs[0], true, i
				}
				vi.assigns = append(vi.assigns, as)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				switch obj := a.info.Defs[name].(type) {
				case *types.Const:
					if len(n.Values) == len(n.Names) {
						a.consts[obj] = n.Values[i]
					}
				case *types.Var:
					as := &assign{node: n, cur: cur}
					switch {
					case len(n.Values) == len(n.Names):
						as.rhs = n.Values[i]
					case len(n.Values) == 1:
						as.rhs, as.tuple, as.index = n.Values[0], true, i
					}
					vi := a.varInfo(obj)
					vi.assigns = append(vi.assigns, as)
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := a.identVar(e); v != nil {
					a.varInfo(v).poisoned = true
				} else if e != nil {
					a.poisonBase(e)
				}
			}
		case *ast.IncDecStmt:
			a.poisonBase(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				a.poisonBase(n.X)
			}
		case *ast.Ident:
			if v, ok := a.info.Uses[n].(*types.Var); ok && !v.IsField() {
				vi := a.varInfo(v)
				vi.uses = append(vi.uses, cur)
			}
		}
	}
}

// stmtOf returns the statement of an assignment: the AssignStmt, or the
// DeclStmt of a ValueSpec (invalid at package level).
func stmtOf(as *assign) inspector.Cursor {
	if _, ok := as.node.(*ast.ValueSpec); ok {
		c := as.cur.Parent() // GenDecl
		if c.Valid() {
			c = c.Parent()
		}
		if c.Valid() {
			if _, ok := c.Node().(*ast.DeclStmt); ok {
				return c
			}
		}
		return inspector.Cursor{}
	}
	return as.cur
}

func within(n ast.Node, pos token.Pos) bool { return n != nil && n.Pos() <= pos && pos < n.End() }

func enclosingFunc(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c.Node()
	}
	return nil
}

// resolveVar returns the assignments whose values a variable may hold at
// use, and the self-rewrites (q = db.Rebind(q)) before it:
//
//   - a package variable: its declaration, if nothing else assigns it;
//   - a local assigned once (declarations without a value aside), when the
//     use follows the assignment in its block;
//   - a local given a value and then reassigned in the branches of one if
//     or switch that follows in the same block, used after it: each branch
//     value, plus the first value unless every branch of an exhaustive
//     if/else or switch with default assigns.
//
// Anything else (reassignment in straight-line code, loops, closures,
// address taken, +=) is unresolved.
func (a *pkgState) resolveVar(v *types.Var, use token.Pos) (values, selfs []*assign, ok bool) {
	vi := a.vars[v]
	if vi == nil || vi.poisoned || len(vi.assigns) == 0 {
		return nil, nil, false
	}
	if v.Parent() == a.pkg.Scope() {
		if len(vi.assigns) != 1 {
			return nil, nil, false
		}
		if _, ok := vi.assigns[0].node.(*ast.ValueSpec); !ok {
			return nil, nil, false
		}
		return vi.assigns, nil, true
	}
	var rest []*assign
	for _, as := range vi.assigns {
		if a.isSelfRewrite(as, v) {
			if as.node.End() <= use {
				selfs = append(selfs, as)
			}
			continue
		}
		rest = append(rest, as)
	}
	if len(rest) == 0 {
		return nil, nil, false
	}
	fn := enclosingFunc(rest[0].cur)
	for _, as := range rest[1:] {
		if enclosingFunc(as.cur) != fn {
			return nil, nil, false
		}
	}
	if len(rest) == 2 && rest[0].rhs == nil {
		rest = rest[1:] // var q string; ...; q = "..."
	}
	if len(rest) == 1 {
		as := rest[0]
		st := stmtOf(as)
		if as.rhs == nil || !st.Valid() || as.node.End() > use || !within(st.Parent().Node(), use) {
			return nil, nil, false
		}
		return rest, selfs, true
	}
	values, ok = a.branchValues(rest, use)
	return values, selfs, ok
}

// branchValues implements the if/switch rule of resolveVar.
func (a *pkgState) branchValues(rest []*assign, use token.Pos) ([]*assign, bool) {
	first, others := rest[0], rest[1:]
	fst := stmtOf(first)
	if !fst.Valid() {
		return nil, false
	}
	block := fst.Parent()
	switch block.Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
	default:
		return nil, false
	}
	ost := stmtOf(others[0])
	if !ost.Valid() {
		return nil, false
	}
	var s inspector.Cursor
	for c := ost; c.Node() != nil; c = c.Parent() {
		if p := c.Parent(); p.Node() == block.Node() {
			s = c
			break
		}
	}
	if !s.Valid() || s.Node().Pos() < first.node.End() || use < s.Node().End() || !within(block.Node(), use) {
		return nil, false
	}
	bodies := make(map[ast.Node]int)
	exhaustive := false
	switch st := s.Node().(type) {
	case *ast.IfStmt:
		for ifs := st; ; {
			bodies[ifs.Body] = 0
			if next, ok := ifs.Else.(*ast.IfStmt); ok {
				ifs = next
				continue
			}
			if els, ok := ifs.Else.(*ast.BlockStmt); ok {
				bodies[els] = 0
				exhaustive = true
			}
			break
		}
	case *ast.SwitchStmt, *ast.TypeSwitchStmt:
		var body *ast.BlockStmt
		if sw, ok := st.(*ast.SwitchStmt); ok {
			body = sw.Body
		} else {
			body = st.(*ast.TypeSwitchStmt).Body
		}
		for _, cl := range body.List {
			cc := cl.(*ast.CaseClause)
			bodies[cc] = 0
			if cc.List == nil {
				exhaustive = true
			}
		}
	default:
		return nil, false
	}
	for _, as := range others {
		st := stmtOf(as)
		if !st.Valid() {
			return nil, false
		}
		if asg, ok := as.node.(*ast.AssignStmt); !ok || asg.Tok != token.ASSIGN {
			return nil, false
		}
		body := st.Parent().Node()
		n, ok := bodies[body]
		if !ok || n > 0 {
			return nil, false
		}
		bodies[body] = 1
	}
	all := exhaustive
	for _, n := range bodies {
		all = all && n == 1
	}
	if all {
		return others, true
	}
	if first.rhs == nil {
		return nil, false
	}
	return rest, true
}

// isSelfRewrite reports whether as is v = rewrite(v) (q = db.Rebind(q)):
// the text does not change.
func (a *pkgState) isSelfRewrite(as *assign, v *types.Var) bool {
	asg, ok := as.node.(*ast.AssignStmt)
	if !ok || asg.Tok != token.ASSIGN || as.index != 0 || as.rhs == nil {
		return false
	}
	call, ok := ast.Unparen(as.rhs).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := calleeFunc(a.info, call)
	if fn == nil {
		return false
	}
	rw, ok := Rewrites[fn.FullName()]
	if !ok || rw.SQL >= len(call.Args) {
		return false
	}
	return a.identVar(call.Args[rw.SQL]) == v
}

// isJoinArg reports whether the identifier at cur is strings.Join's slice.
func (a *pkgState) isJoinArg(cur inspector.Cursor) bool {
	k, i := cur.ParentEdge()
	if k != edge.CallExpr_Args || i != 0 {
		return false
	}
	fn := calleeFunc(a.info, cur.Parent().Node().(*ast.CallExpr))
	return fn != nil && fn.FullName() == "strings.Join"
}

// calleeFunc returns the function or method a call statically calls.
func calleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// entryFor finds the table entry of a callee; for a method of an interface
// the table does not list, the first known method with the same name and
// signature (sqlc's DBTX.QueryRowContext is *sql.DB's).
func (a *pkgState) entryFor(fn *types.Func) (e *Entry, iface bool) {
	if e, ok := byCallee[fn.FullName()]; ok {
		return e, false
	}
	sig := fn.Signature()
	if sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return nil, false
	}
	if a.shapes == nil {
		a.buildShapes()
	}
	for _, s := range a.shapes[fn.Name()] {
		if types.Identical(sig, s.sig) {
			return s.entry, true
		}
	}
	return nil, false
}

func (a *pkgState) buildShapes() {
	a.shapes = make(map[string][]shape)
	pkgs := make(map[string]*types.Package)
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		if pkgs[p.Path()] != nil {
			return
		}
		pkgs[p.Path()] = p
		for _, imp := range p.Imports() {
			walk(imp)
		}
	}
	walk(a.pkg)
	for i := range Table {
		e := &Table[i]
		path, typ, method, ptr, ok := splitCallee(e.Callee)
		if !ok || pkgs[path] == nil {
			continue
		}
		tn, ok := pkgs[path].Scope().Lookup(typ).(*types.TypeName)
		if !ok {
			continue
		}
		t := tn.Type()
		if ptr {
			t = types.NewPointer(t)
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, tn.Pkg(), method)
		if m, ok := obj.(*types.Func); ok {
			a.shapes[method] = append(a.shapes[method], shape{e, m.Signature()})
		}
	}
}

// buildCalls builds the result from the collected call expressions.
func (a *pkgState) buildCalls(res *Result) {
	f := a.newFolder()
	type pending struct {
		c    *Call
		recv ast.Expr
	}
	var stmts []pending
	var names []*Call
	for _, cur := range a.callCursors {
		call := cur.Node().(*ast.CallExpr)
		fn := calleeFunc(a.info, call)
		if fn == nil {
			continue
		}
		e, iface := a.entryFor(fn)
		if e == nil {
			continue
		}
		c := a.newCall(cur, call, fn, e, iface, f)
		if c == nil {
			continue
		}
		res.Calls = append(res.Calls, c)
		res.ByExpr[call] = c
		switch {
		case e.Flags&Prepared != 0:
			stmts = append(stmts, pending{c, c.Recv})
		case (c.API == Pgx || c.API == Pgxpool) && looksLikeStatementName(c):
			names = append(names, c)
		}
	}
	// Statements reuse the SQL of their Prepare, which may come later in
	// the file than a method that uses the statement.
	for _, p := range stmts {
		if prep := a.preparedBy(p.recv, res.ByExpr, 0); prep != nil {
			p.c.Prepared = prep
			p.c.Queries = prep.Queries
			p.c.Placeholders = prep.Placeholders
		}
	}
	// pgx runs a prepared statement when the SQL is its name.
	if len(names) > 0 {
		prepared := make(map[string]*Call)
		for _, c := range res.Calls {
			if (c.API == Pgx || c.API == Pgxpool) && c.Kind == KindPrepare && len(c.Expr.Args) > 1 {
				if vs, ok := f.fold(c.Expr.Args[1]); ok && len(vs) == 1 && !vs[0].hasHoles() {
					prepared[vs[0].text()] = c
				}
			}
		}
		for _, c := range names {
			name := strings.TrimSpace(c.Queries[0].Text)
			c.PreparedName = name
			c.Queries = nil
			if prep := prepared[name]; prep != nil {
				c.Prepared = prep
				c.Queries = prep.Queries
			}
		}
	}
	for _, c := range res.Calls {
		res.Stats.Found++
		switch {
		case len(c.Queries) > 0:
			res.Stats.Resolved++
			parsed := c.Kind != KindFragment
			for _, q := range c.Queries {
				parsed = parsed && q.ParseErr == nil && q.Stmt != nil
			}
			if parsed {
				res.Stats.Parsed++
			}
		case c.Kind.HasSQL():
			res.Stats.Unresolved++
		}
	}
}

// looksLikeStatementName reports whether a pgx call's SQL is a bare name
// that does not parse: pgx then runs the statement prepared under it.
func looksLikeStatementName(c *Call) bool {
	if len(c.Queries) != 1 || c.Queries[0].Dynamic || c.Queries[0].ParseErr == nil {
		return false
	}
	t := strings.TrimSpace(c.Queries[0].Text)
	if t == "" {
		return false
	}
	for i, r := range t {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || r == '-' || r == '.')) {
			return false
		}
	}
	return true
}

// preparedBy finds the Prepare call that made a statement expression.
func (a *pkgState) preparedBy(e ast.Expr, byExpr map[*ast.CallExpr]*Call, depth int) *Call {
	if e == nil || depth > 8 {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if c := byExpr[x]; c != nil && c.Kind == KindPrepare {
			return c
		}
		if fn := calleeFunc(a.info, x); fn != nil {
			if i, ok := StmtRebinds[fn.FullName()]; ok && i < len(x.Args) {
				return a.preparedBy(x.Args[i], byExpr, depth+1)
			}
		}
	case *ast.Ident:
		v, ok := a.info.Uses[x].(*types.Var)
		if !ok {
			return nil
		}
		values, _, ok := a.resolveVar(v, x.Pos())
		if !ok || len(values) != 1 || values[0].rhs == nil {
			return nil
		}
		if values[0].tuple && values[0].index != 0 {
			return nil
		}
		return a.preparedBy(values[0].rhs, byExpr, depth+1)
	}
	return nil
}

// newCall describes one call to a known callee; nil when it does not send
// SQL after all (a GORM Where with a struct).
func (a *pkgState) newCall(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func, e *Entry, iface bool, f *folder) *Call {
	args := call.Args
	if e.Kind == KindFragment && (e.SQL >= len(args) || !isString(a.info.TypeOf(args[e.SQL]))) {
		return nil
	}
	c := &Call{
		Expr:         call,
		Callee:       fn,
		API:          e.API,
		Kind:         e.Kind,
		Receiver:     e.Recv,
		Placeholders: e.Style,
		Interface:    iface,
		Func:         enclosingFunc(cur),
	}
	if tf := a.fset.File(call.Pos()); tf != nil {
		c.Generated = a.generated[tf]
	}
	if iface {
		c.Receiver = RecvUnknown
	}
	if e.RecvArg >= 0 {
		if e.RecvArg < len(args) {
			c.Recv = args[e.RecvArg]
			if t := a.info.TypeOf(c.Recv); t != nil {
				if r, ok := ReceiverTypes[types.TypeString(t, nil)]; ok {
					c.Receiver = r
				}
			}
		}
	} else if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		c.Recv = sel.X
	}
	if e.SQL >= 0 && e.SQL < len(args) && e.Kind != KindCopyFrom {
		c.SQL = args[e.SQL]
	}
	if e.Args >= 0 && e.Args < len(args) {
		c.Args = args[e.Args:]
		c.Ellipsis = call.Ellipsis.IsValid()
	}
	a.classifyArgs(c, e)

	switch {
	case e.Flags&Prepared != 0:
		// Filled in once every Prepare is known.
	case e.Kind == KindCopyFrom:
		if e.SQL+1 < len(args) {
			a.copyQuery(c, args[e.SQL], args[e.SQL+1])
		}
	case c.SQL != nil:
		vs, ok := f.fold(c.SQL)
		if !ok {
			break
		}
		for _, v := range vs {
			if !v.hasText() {
				vs = nil // only holes: nothing is known of the text
				break
			}
		}
		if len(vs) == 0 {
			break
		}
		if vs[0].style != "" {
			c.Placeholders = vs[0].style
		}
		// GORM binds @name (from a map, a struct or sql.Named values) when
		// the text has an @ and there are values; ? otherwise.
		if c.API == Gorm && len(c.Args) > 0 && slices.ContainsFunc(vs, func(v variant) bool { return strings.Contains(v.text(), "@") }) {
			c.Placeholders = NamedAt
			a.gormNamed(c)
		}
		for _, v := range vs {
			style := c.Placeholders
			if v.style != "" {
				style = v.style
			}
			c.Queries = append(c.Queries, buildQuery(v, call.Pos(), style, e.Kind != KindFragment))
		}
	}
	c.Scan = a.findScan(c, cur, e)
	if c.API != Pgx && c.API != Pgxpool {
		c.OtherDatabase = a.otherDatabase(c)
	}
	return c
}

// classifyArgs finds pgx options and named-argument bindings.
func (a *pkgState) classifyArgs(c *Call, e *Entry) {
	switch {
	case c.API == Pgx || c.API == Pgxpool:
		for len(c.Args) > 0 && !(c.Ellipsis && len(c.Args) == 1) && PgxOptionTypes[typeName(a.info.TypeOf(c.Args[0]))] {
			c.Options = append(c.Options, c.Args[0])
			c.Args = c.Args[1:]
		}
		if len(c.Args) > 0 && !(c.Ellipsis && len(c.Args) == 1) && PgxNamedArgTypes[typeName(a.info.TypeOf(c.Args[0]))] {
			c.Placeholders = NamedAt
			c.NamedArgKeys = a.mapKeys(c.Args[0])
		}
	case e.Flags&NamedArg != 0:
		if len(c.Args) > 0 {
			a.bindNamed(c, c.Args[0])
		}
	}
}

// gormNamed records what binds GORM's @name placeholders: one map or
// struct, or sql.Named values.
func (a *pkgState) gormNamed(c *Call) {
	if c.Ellipsis {
		return
	}
	if len(c.Args) == 1 && !GormNamedArgTypes[typeName(a.info.TypeOf(c.Args[0]))] {
		a.bindNamed(c, c.Args[0])
		return
	}
	keys := []string{}
	for _, arg := range c.Args {
		call, ok := ast.Unparen(arg).(*ast.CallExpr)
		if !ok || len(call.Args) != 2 || !GormNamedArgTypes[typeName(a.info.TypeOf(arg))] {
			return
		}
		tv := a.info.Types[call.Args[0]] // sql.Named("name", v)
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return
		}
		keys = append(keys, constant.StringVal(tv.Value))
	}
	c.NamedArgKeys = keys
}

// bindNamed records what binds named placeholders: a struct (or a slice
// of them, for batch inserts) or a map.
func (a *pkgState) bindNamed(c *Call, arg ast.Expr) {
	t := deref(a.info.TypeOf(arg))
	if t == nil {
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Map:
		c.NamedArgKeys = a.mapKeys(arg)
	case *types.Slice:
		if el := deref(u.Elem()); isStruct(el) {
			c.NamedStruct = el
		}
	case *types.Array:
		if el := deref(u.Elem()); isStruct(el) {
			c.NamedStruct = el
		}
	case *types.Struct:
		c.NamedStruct = t
	}
}

// mapKeys returns the constant keys of a map literal (pgx.NamedArgs{...},
// map[string]any{...}), directly or through a variable assigned it once
// and never indexed; nil when not visible.
func (a *pkgState) mapKeys(e ast.Expr) []string {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, ok := a.info.Uses[id].(*types.Var)
		if !ok {
			return nil
		}
		values, _, ok := a.resolveVar(v, id.Pos())
		if !ok || len(values) != 1 || values[0].tuple {
			return nil
		}
		for _, u := range a.vars[v].uses {
			if k, _ := u.ParentEdge(); k == edge.IndexExpr_X {
				return nil // args["x"] = ...
			}
		}
		e = ast.Unparen(values[0].rhs)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	keys := []string{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil
		}
		tv := a.info.Types[kv.Key]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil
		}
		keys = append(keys, constant.StringVal(tv.Value))
	}
	return keys
}

// copyQuery records the table and columns of a CopyFrom and synthesises
// the COPY statement pgx sends (identifiers quoted, as pgx quotes them).
func (a *pkgState) copyQuery(c *Call, table, columns ast.Expr) {
	t, ok1 := a.stringList(table)
	cols, ok2 := a.stringList(columns)
	if !ok1 || !ok2 || len(t) == 0 {
		return
	}
	c.CopyTable, c.CopyColumns = t, cols
	quoted := make([]string, len(cols))
	for i, col := range cols {
		quoted[i] = quoteIdent(col)
	}
	parts := make([]string, len(t))
	for i, p := range t {
		parts[i] = quoteIdent(p)
	}
	text := "COPY " + strings.Join(parts, ".") + " (" + strings.Join(quoted, ", ") + ") FROM STDIN"
	q := buildQuery(variant{segs: []seg{{text: text, pos: c.Expr.Pos()}}}, c.Expr.Pos(), Dollar, true)
	q.Synthetic = true
	c.Queries = []Query{q}
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// stringList folds a []string or pgx.Identifier literal of constants,
// directly or through a variable assigned it once and never changed.
func (a *pkgState) stringList(e ast.Expr) ([]string, bool) {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if tv := a.info.Types[call.Fun]; tv.IsType() {
			e = ast.Unparen(call.Args[0]) // pgx.Identifier(x)
		}
	}
	if id, ok := e.(*ast.Ident); ok {
		v, ok := a.info.Uses[id].(*types.Var)
		if !ok {
			return nil, false
		}
		values, _, ok := a.resolveVar(v, id.Pos())
		if !ok || len(values) != 1 || values[0].tuple {
			return nil, false
		}
		e = ast.Unparen(values[0].rhs)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(lit.Elts))
	for _, el := range lit.Elts {
		tv := a.info.Types[el]
		if _, kv := el.(*ast.KeyValueExpr); kv || tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil, false
		}
		out = append(out, constant.StringVal(tv.Value))
	}
	return out, true
}

// findScan finds where the rows of a call go, in the same function.
func (a *pkgState) findScan(c *Call, cur inspector.Cursor, e *Entry) *Scan {
	call := c.Expr
	if e.Dest >= 0 {
		if e.Dest >= len(call.Args) {
			return nil
		}
		if c.API == Gorm {
			return a.destScan(call, call.Args[e.Dest], ViaGormDest, gormNaming)
		}
		return a.destScan(call, call.Args[e.Dest], ViaSqlxDest, sqlxNaming)
	}
	switch c.Kind {
	case KindQuery, KindQueryRow, KindNamedQuery, KindBatchQueue:
	default:
		return nil
	}
	// db.QueryRow(...).Scan(&a, &b)
	if k, _ := cur.ParentEdge(); k == edge.SelectorExpr_X {
		sel := cur.Parent().Node().(*ast.SelectorExpr)
		if k2, _ := cur.Parent().ParentEdge(); k2 == edge.CallExpr_Fun {
			next := cur.Parent().Parent().Node().(*ast.CallExpr)
			switch {
			case c.API == Gorm:
				switch sel.Sel.Name {
				case "Scan", "Find", "First", "Take", "Last":
					if len(next.Args) > 0 {
						return a.destScan(next, next.Args[0], ViaGormDest, gormNaming)
					}
				}
			case c.Kind == KindBatchQueue:
				// batch.Queue(sql, args...).QueryRow(func(row pgx.Row) error { return row.Scan(&a) })
				if v := a.callbackParam(next); v != nil && (sel.Sel.Name == "QueryRow" || sel.Sel.Name == "Query") {
					return a.scanOfVar(v, next.Pos())
				}
			default:
				if via, ok := RowScanMethods[sel.Sel.Name]; ok {
					return a.methodScan(next, via)
				}
			}
		}
		return nil
	}
	if c.API == Gorm || c.Kind == KindBatchQueue {
		return nil
	}
	// row := db.QueryRow(...); row.Scan(...) / rows, err := db.Query(...); for rows.Next() { rows.Scan(...) }
	var v *types.Var
	switch k, i := cur.ParentEdge(); {
	case k == edge.AssignStmt_Rhs && i == 0:
		if asg := cur.Parent().Node().(*ast.AssignStmt); len(asg.Rhs) == 1 {
			v = a.identVar(asg.Lhs[0])
		}
	case k == edge.ValueSpec_Values && i == 0:
		if vs := cur.Parent().Node().(*ast.ValueSpec); len(vs.Values) == 1 {
			v = a.identVar(vs.Names[0])
		}
	}
	if v == nil {
		return nil
	}
	return a.scanOfVar(v, call.End())
}

// callbackParam returns the first parameter of a function literal passed
// as the only argument of call.
func (a *pkgState) callbackParam(call *ast.CallExpr) *types.Var {
	if len(call.Args) != 1 {
		return nil
	}
	fl, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit)
	if !ok || len(fl.Type.Params.List) == 0 || len(fl.Type.Params.List[0].Names) == 0 {
		return nil
	}
	v, _ := a.info.Defs[fl.Type.Params.List[0].Names[0]].(*types.Var)
	return v
}

// scanOfVar finds the first scan of a row or rows variable after pos,
// unless the variable is assigned again before it.
func (a *pkgState) scanOfVar(v *types.Var, after token.Pos) *Scan {
	vi := a.vars[v]
	if vi == nil {
		return nil
	}
	for _, u := range vi.uses {
		pos := u.Node().Pos()
		if pos < after {
			continue
		}
		for _, as := range vi.assigns {
			if as.node.Pos() >= after && as.node.Pos() < pos {
				return nil // rows, err = db.Query(...) again: that call's rows
			}
		}
		switch k, i := u.ParentEdge(); k {
		case edge.SelectorExpr_X:
			sel := u.Parent().Node().(*ast.SelectorExpr)
			via, ok := RowScanMethods[sel.Sel.Name]
			if k2, _ := u.Parent().ParentEdge(); ok && k2 == edge.CallExpr_Fun {
				return a.methodScan(u.Parent().Parent().Node().(*ast.CallExpr), via)
			}
		case edge.CallExpr_Args:
			next := u.Parent().Node().(*ast.CallExpr)
			if fn := calleeFunc(a.info, next); fn != nil {
				if col, ok := Collectors[fn.FullName()]; ok && col.Rows == i {
					return a.collectScan(next, col)
				}
			}
		}
	}
	return nil
}

// methodScan reads row.Scan(&a, &b) or rows.StructScan(&u).
func (a *pkgState) methodScan(call *ast.CallExpr, via string) *Scan {
	if via == ViaStructScan {
		if len(call.Args) != 1 {
			return nil
		}
		return a.destScan(call, call.Args[0], via, sqlxNaming)
	}
	s := &Scan{Call: call, Targets: call.Args, Pos: call.Pos(), Via: via, Ellipsis: call.Ellipsis.IsValid()}
	if !s.Ellipsis {
		s.Types = a.targetTypes(call.Args)
	}
	return s
}

func (a *pkgState) targetTypes(targets []ast.Expr) []types.Type {
	out := make([]types.Type, len(targets))
	for i, t := range targets {
		if u, ok := ast.Unparen(t).(*ast.UnaryExpr); ok && u.Op == token.AND {
			out[i] = a.info.TypeOf(u.X)
			continue
		}
		typ := a.info.TypeOf(t)
		if p, ok := types.Unalias(typ).(*types.Pointer); ok {
			typ = p.Elem()
		}
		out[i] = typ
	}
	return out
}

// collectScan reads pgx.CollectRows(rows, pgx.RowToStructByName[T]) and
// pgx.ForEachRow(rows, []any{&a, &b}, fn).
func (a *pkgState) collectScan(call *ast.CallExpr, col Collector) *Scan {
	s := &Scan{Call: call, Pos: call.Pos()}
	if col.Targets >= 0 {
		if col.Targets >= len(call.Args) {
			return nil
		}
		s.Via = ViaForEachRow
		if lit, ok := ast.Unparen(call.Args[col.Targets]).(*ast.CompositeLit); ok {
			s.Targets = lit.Elts
			s.Types = a.targetTypes(lit.Elts)
		}
		return s
	}
	if col.Fn >= len(call.Args) {
		return nil
	}
	fnExpr := ast.Unparen(call.Args[col.Fn])
	switch x := fnExpr.(type) {
	case *ast.IndexExpr:
		fnExpr = x.X
	case *ast.IndexListExpr:
		fnExpr = x.X
	}
	var id *ast.Ident
	switch x := fnExpr.(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return nil
	}
	fn, ok := a.info.Uses[id].(*types.Func)
	if !ok {
		return nil
	}
	mode, ok := RowToFuncs[fn.Origin().FullName()]
	if !ok {
		return nil
	}
	s.Via = fn.Name()
	inst, ok := a.info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return s
	}
	t := inst.TypeArgs.At(0)
	switch mode {
	case "name", "pos":
		if isStruct(t) {
			s.Struct = t
			s.Types, s.Names = structColumns(t, pgxNaming)
		}
	case "value":
		s.Types = []types.Type{t}
	}
	return s
}

// destScan reads a destination that a library scans into: a pointer to a
// struct (by name), to a slice of structs, or to a scalar.
func (a *pkgState) destScan(call *ast.CallExpr, dest ast.Expr, via string, naming naming) *Scan {
	s := &Scan{Call: call, Targets: []ast.Expr{dest}, Pos: call.Pos(), Via: via}
	t := deref(a.info.TypeOf(dest))
	if t == nil {
		return s
	}
	if sl, ok := t.Underlying().(*types.Slice); ok && via != ViaStructScan {
		if b, ok := sl.Elem().Underlying().(*types.Basic); !ok || b.Kind() != types.Byte {
			t = deref(sl.Elem())
		}
	}
	if isStruct(t) && !isScannable(t) {
		s.Struct = t
		s.Types, s.Names = structColumns(t, naming)
		return s
	}
	s.Types = []types.Type{t}
	return s
}

// isScannable reports whether a struct is scanned as one value (it
// implements sql.Scanner, or has no exported fields, like time.Time).
func isScannable(t types.Type) bool {
	ms := types.NewMethodSet(types.NewPointer(t))
	for i := range ms.Len() {
		if ms.At(i).Obj().Name() == "Scan" {
			return true
		}
	}
	st := t.Underlying().(*types.Struct)
	for i := range st.NumFields() {
		if st.Field(i).Exported() {
			return false
		}
	}
	return true
}

// naming is how a library maps struct fields to columns.
type naming struct {
	tag  string                                          // struct tag key
	name func(field, tag string) (col string, skip bool) // the column of a field, from its tag value
}

var (
	pgxNaming = naming{"db", func(field, tag string) (string, bool) {
		n, _, _ := strings.Cut(tag, ",")
		if n == "-" {
			return "", true
		}
		if n != "" {
			return n, false
		}
		return field, false
	}}
	sqlxNaming = naming{"db", func(field, tag string) (string, bool) {
		n, _, _ := strings.Cut(tag, ",")
		if n == "-" {
			return "", true
		}
		if n != "" {
			return n, false
		}
		return strings.ToLower(field), false
	}}
	gormNaming = naming{"gorm", func(field, tag string) (string, bool) {
		if tag == "-" || strings.HasPrefix(tag, "-:") {
			return "", true
		}
		for _, part := range strings.Split(tag, ";") {
			if n, ok := strings.CutPrefix(strings.TrimSpace(part), "column:"); ok {
				return n, false
			}
		}
		return snakeCase(field), false
	}}
)

// structColumns lists the columns a struct scans, embedded structs
// flattened.
func structColumns(t types.Type, nm naming) (typs []types.Type, names []string) {
	var walk func(t types.Type, depth int)
	walk = func(t types.Type, depth int) {
		st, ok := t.Underlying().(*types.Struct)
		if !ok || depth > 8 {
			return
		}
		for i := range st.NumFields() {
			f := st.Field(i)
			tag := reflect.StructTag(st.Tag(i)).Get(nm.tag)
			if f.Embedded() && tag == "" {
				if ft := deref(f.Type()); isStruct(ft) && !isScannable(ft) {
					walk(ft, depth+1)
					continue
				}
			}
			if !f.Exported() {
				continue
			}
			col, skip := nm.name(f.Name(), tag)
			if skip {
				continue
			}
			typs = append(typs, f.Type())
			names = append(names, col)
		}
	}
	walk(t, 0)
	return typs, names
}

func snakeCase(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func deref(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func isStruct(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// typeName returns "path.Name" of a named type, or "".
func typeName(t types.Type) string {
	if t == nil {
		return ""
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// StructColumns lists the column names (and field types) a library maps a
// struct to: sqlx and pgx use db tags (sqlx lowercases untagged field
// names, pgx matches them case-insensitively), GORM its column: tag or the
// snake_cased field name. Embedded structs are flattened.
func StructColumns(t types.Type, api API) ([]types.Type, []string) {
	switch api {
	case Gorm:
		return structColumns(t, gormNaming)
	case Sqlx:
		return structColumns(t, sqlxNaming)
	}
	return structColumns(t, pgxNaming)
}

// GormTableName returns the table GORM uses for a model type: the
// constant its TableName method returns, else the snake_cased, pluralised
// type name (GORM's default naming strategy); "" when unknown.
func GormTableName(t types.Type) string {
	t = deref(t)
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return ""
	}
	ms := types.NewMethodSet(types.NewPointer(named))
	for i := range ms.Len() {
		if ms.At(i).Obj().Name() == "TableName" {
			return "" // a method: its value is only known at run time here
		}
	}
	return gormPlural(snakeCase(named.Obj().Name()))
}

// gormPlural pluralises like GORM's default naming (jinzhu/inflection for
// the regular English cases).
func gormPlural(s string) string {
	switch {
	case s == "":
		return s
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "z"),
		strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}
