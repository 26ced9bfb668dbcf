package sqlinjection

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/dblint/dblint/internal/report"
)

// The tracer answers one question: which untrusted inputs can a string
// expression carry? It follows the data flow of one package: locals through
// the assignments that reach a use, string building (+, +=, fmt.Sprintf,
// strings.Join, strings.Builder, bytes.Buffer, append), functions of the
// package (their results in terms of their parameters), and the library
// functions the tables in knowledge.go describe. Anything else is unknown,
// and unknown is never reported: the tracer only returns inputs it has
// followed all the way to their source.

const (
	maxDepth = 48    // nesting of expressions, definitions and calls followed
	maxSteps = 50000 // expressions visited for one call, a guard against blow-ups
)

// srcKind says where untrusted text comes from.
type srcKind uint8

const (
	srcParam   srcKind = iota + 1 // a parameter of the function
	srcField                      // a field of a struct that came in as a parameter
	srcRequest                    // *http.Request data, url.Values
	srcEnv                        // os.Getenv
	srcArgs                       // os.Args, flag.Arg
)

// source is one untrusted input.
type source struct {
	kind  srcKind
	param *types.Var // srcParam: the parameter
	recv  bool       // srcParam: the parameter is a method receiver
	desc  string     // how messages name it: parameter "sortBy", request data r.FormValue("q")
}

// taint is an input found in an expression, and how it entered the text.
type taint struct {
	src    *source
	via    string    // the operation that put it into a text: "concatenation", "fmt.Sprintf", ...
	viaPos token.Pos // where
	pre    string    // the constant text just before it, when known
	hasPre bool
}

func withVia(ts []taint, via string, pos token.Pos) []taint {
	for i := range ts {
		if ts[i].via == "" {
			ts[i].via, ts[i].viaPos = via, pos
		}
	}
	return ts
}

func withPre(ts []taint, pre string, ok bool) []taint {
	if !ok {
		return ts
	}
	for i := range ts {
		if !ts[i].hasPre {
			ts[i].pre, ts[i].hasPre = pre, true
		}
	}
	return ts
}

// defKind says how a definition gives a variable its value.
type defKind uint8

const (
	defAssign defKind = iota // v = x, v := x, var v = x
	defOp                    // v += x
	defTuple                 // a, v := f(), v, ok := m[k]
	defRange                 // for k, v := range x
	defZero                  // var v T, a named result
	defParam                 // a parameter or receiver, at function entry
	defElem                  // v[i] = x: adds a value, replaces nothing
	defWrite                 // b.WriteString(x), fmt.Fprintf(&b, ...): appends to a builder
	defAddr                  // f(&v): set by a call the tracer does not follow
)

// def is one definition of a variable.
type def struct {
	kind     defKind
	v        *types.Var
	rhs      ast.Expr // the value (defAssign, defOp, defElem), the call (defTuple, defWrite, defAddr), the range operand
	index    int      // defTuple: result index; defRange: 0 key, 1 value
	recv     bool     // defParam: a receiver
	pos, end token.Pos
	// body is where the definition holds: the range body (defRange) or the
	// function body (defParam); nil for statements.
	body  ast.Node
	block ast.Node         // the statement list holding the statement; nil when none (if/switch init)
	loops []*ast.BlockStmt // bodies of the loops around it, innermost first, within its function
	fn    ast.Node         // enclosing *ast.FuncDecl or *ast.FuncLit; nil at package level
	spec  writerSpec       // defWrite
	field string           // a v.F = x write, kept apart in varDefs.fields
}

type writerSpec struct {
	Arg    int
	Format bool
	Name   string // how messages name the builder: "strings.Builder", "fmt.Fprintf"
}

type varDefs struct {
	defs   []*def
	fields []*def // v.F = x
}

type sumKey struct {
	fn    *types.Func
	index int
}

type tracer struct {
	fset *token.FileSet
	pkg  *types.Package
	info *types.Info

	funcs   []ast.Node
	funcAtM map[token.Pos]ast.Node
	decls   map[*types.Func]*ast.FuncDecl
	vars    map[*types.Var]*varDefs
	defMemo map[*def][]taint
	sumMemo map[sumKey][]taint
	busy    map[any]bool
	guards  map[ast.Node][]ast.Stmt
	calls   map[*types.Func][]*ast.CallExpr // static calls to functions of the package

	depth, steps int
}

func newTracer(fset *token.FileSet, pkg *types.Package, info *types.Info, in *inspector.Inspector) *tracer {
	t := &tracer{
		fset: fset, pkg: pkg, info: info,
		funcAtM: make(map[token.Pos]ast.Node),
		decls:   make(map[*types.Func]*ast.FuncDecl),
		vars:    make(map[*types.Var]*varDefs),
		defMemo: make(map[*def][]taint),
		sumMemo: make(map[sumKey][]taint),
		busy:    make(map[any]bool),
		guards:  make(map[ast.Node][]ast.Stmt),
		calls:   make(map[*types.Func][]*ast.CallExpr),
	}
	t.collect(in)
	return t
}

func (t *tracer) varDefs(v *types.Var) *varDefs {
	vd := t.vars[v]
	if vd == nil {
		vd = new(varDefs)
		t.vars[v] = vd
	}
	return vd
}

// localVar returns the variable of this package an identifier names.
func (t *tracer) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	obj := t.info.Defs[id]
	if obj == nil {
		obj = t.info.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() || v.Pkg() != t.pkg {
		return nil
	}
	return v
}

// collect indexes the package in one walk: functions, and every
// definition of every variable.
func (t *tracer) collect(in *inspector.Inspector) {
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.RangeStmt)(nil), (*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil),
	}
	for cur := range in.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if n.Body == nil {
				continue
			}
			t.funcs = append(t.funcs, n)
			if fn, ok := t.info.Defs[n.Name].(*types.Func); ok {
				t.decls[fn] = n
			}
			if n.Recv != nil {
				t.params(n, n.Recv, n.Body, true)
			}
			t.params(n, n.Type.Params, n.Body, false)
			t.results(n, n.Type.Results, n.Body)
		case *ast.FuncLit:
			t.funcs = append(t.funcs, n)
			t.params(n, n.Type.Params, n.Body, false)
			t.results(n, n.Type.Results, n.Body)
		case *ast.AssignStmt:
			t.assign(cur, n)
		case *ast.ValueSpec:
			t.valueSpec(cur, n)
		case *ast.RangeStmt:
			for i, x := range []ast.Expr{n.Key, n.Value} {
				if v := t.localVar(x); v != nil {
					d := t.newDef(cur, defRange, v, n.X)
					d.index = i
					d.pos, d.end, d.body, d.block = n.Body.Lbrace, n.Body.Lbrace, n.Body, nil
					t.varDefs(v).defs = append(t.varDefs(v).defs, d)
				}
			}
		case *ast.CallExpr:
			t.call(cur, n)
		case *ast.UnaryExpr:
			// f(&v): the callee may set v.
			if n.Op != token.AND || cur.ParentEdgeKind() != edge.CallExpr_Args {
				continue
			}
			if v := t.localVar(n.X); v != nil {
				call := cur.Parent().Node().(*ast.CallExpr)
				if fn := typeutil.StaticCallee(t.info, call); fn != nil {
					if _, ok := Writers[fn.FullName()]; ok {
						continue // a builder write, indexed with the call
					}
				}
				d := t.newDef(cur.Parent(), defAddr, v, call)
				t.varDefs(v).defs = append(t.varDefs(v).defs, d)
			}
		}
	}
}

// newDef describes a definition made by the statement or expression at cur.
func (t *tracer) newDef(cur inspector.Cursor, kind defKind, v *types.Var, rhs ast.Expr) *def {
	d := &def{kind: kind, v: v, rhs: rhs}
	// The statement: the innermost node whose parent holds statements.
	stmt := cur
	for c := cur; c.Node() != nil; c = c.Parent() {
		if _, ok := c.Node().(ast.Stmt); ok {
			stmt = c
			break
		}
		if _, ok := c.Node().(*ast.GenDecl); ok {
			stmt = c
			break
		}
	}
	if _, ok := stmt.Node().(*ast.GenDecl); ok {
		if p := stmt.Parent(); p.Node() != nil {
			if _, ok := p.Node().(*ast.DeclStmt); ok {
				stmt = p
			}
		}
	}
	d.pos, d.end = stmt.Node().Pos(), stmt.Node().End()
	switch p := stmt.Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		d.block = p
	}
	for c := range stmt.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		switch n := c.Node().(type) {
		case *ast.ForStmt:
			if within(n.Body, d.pos) {
				d.loops = append(d.loops, n.Body)
			}
			continue
		case *ast.RangeStmt:
			if within(n.Body, d.pos) {
				d.loops = append(d.loops, n.Body)
			}
			continue
		}
		d.fn = c.Node()
		break
	}
	return d
}

func within(n ast.Node, pos token.Pos) bool {
	return n != nil && n.Pos() <= pos && pos < n.End()
}

func (t *tracer) params(fn ast.Node, fields *ast.FieldList, body *ast.BlockStmt, recv bool) {
	if fields == nil {
		return
	}
	for _, f := range fields.List {
		for _, name := range f.Names {
			if v := t.localVar(name); v != nil {
				d := &def{kind: defParam, v: v, recv: recv, pos: body.Lbrace, end: body.Lbrace, body: body, fn: fn}
				t.varDefs(v).defs = append(t.varDefs(v).defs, d)
			}
		}
	}
}

func (t *tracer) results(fn ast.Node, fields *ast.FieldList, body *ast.BlockStmt) {
	if fields == nil {
		return
	}
	for _, f := range fields.List {
		for _, name := range f.Names {
			if v := t.localVar(name); v != nil {
				d := &def{kind: defZero, v: v, pos: body.Lbrace, end: body.Lbrace, body: body, fn: fn}
				t.varDefs(v).defs = append(t.varDefs(v).defs, d)
			}
		}
	}
}

func (t *tracer) assign(cur inspector.Cursor, n *ast.AssignStmt) {
	for i, lhs := range n.Lhs {
		var rhs ast.Expr
		kind := defAssign
		switch {
		case n.Tok == token.ADD_ASSIGN && len(n.Rhs) == 1:
			kind, rhs = defOp, n.Rhs[0]
		case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
			continue // -=, *=, ...: numbers
		case len(n.Lhs) == len(n.Rhs):
			rhs = n.Rhs[i]
		case len(n.Rhs) == 1:
			kind, rhs = defTuple, n.Rhs[0]
		default:
			continue
		}
		switch l := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			if v := t.localVar(l); v != nil {
				d := t.newDef(cur, kind, v, rhs)
				d.index = i
				t.varDefs(v).defs = append(t.varDefs(v).defs, d)
			}
		case *ast.IndexExpr:
			// m[k] = x, s[i] = x, m[k] += x: the container now holds x.
			if v := t.localVar(l.X); v != nil && kind != defTuple {
				d := t.newDef(cur, defElem, v, rhs)
				t.varDefs(v).defs = append(t.varDefs(v).defs, d)
			}
		case *ast.SelectorExpr:
			// v.F = x
			if sel := t.info.Selections[l]; sel != nil && sel.Kind() == types.FieldVal && kind != defTuple {
				if v := t.localVar(l.X); v != nil {
					d := t.newDef(cur, kind, v, rhs)
					d.field = l.Sel.Name
					t.varDefs(v).fields = append(t.varDefs(v).fields, d)
				}
			}
		}
	}
}

func (t *tracer) valueSpec(cur inspector.Cursor, n *ast.ValueSpec) {
	for i, name := range n.Names {
		v := t.localVar(name)
		if v == nil {
			continue
		}
		var d *def
		switch {
		case len(n.Values) == 0:
			d = t.newDef(cur, defZero, v, nil)
		case len(n.Values) == len(n.Names):
			d = t.newDef(cur, defAssign, v, n.Values[i])
		case len(n.Values) == 1:
			d = t.newDef(cur, defTuple, v, n.Values[0])
			d.index = i
		default:
			continue
		}
		t.varDefs(v).defs = append(t.varDefs(v).defs, d)
	}
}

// call indexes builder writes and calls of the package's functions.
func (t *tracer) call(cur inspector.Cursor, n *ast.CallExpr) {
	fn := typeutil.StaticCallee(t.info, n)
	if fn == nil {
		return
	}
	if fn.Pkg() == t.pkg {
		t.calls[fn.Origin()] = append(t.calls[fn.Origin()], n)
		return
	}
	w, ok := Writers[fn.FullName()]
	if !ok {
		return
	}
	var target ast.Expr
	spec := writerSpec{Arg: w.Arg, Format: w.Format, Name: fn.FullName()}
	if sig := fn.Signature(); sig.Recv() != nil {
		sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
		if !ok {
			return
		}
		target = sel.X
		spec.Name = BuilderTypes[builderName(t.info.TypeOf(sel.X))]
	} else {
		if len(n.Args) == 0 {
			return
		}
		target = n.Args[0]
		spec.Name = fn.Pkg().Name() + "." + fn.Name()
	}
	if u, ok := ast.Unparen(target).(*ast.UnaryExpr); ok && u.Op == token.AND {
		target = u.X
	}
	if v := t.localVar(target); v != nil && builderName(v.Type()) != "" {
		d := t.newDef(cur, defWrite, v, n)
		d.spec = spec
		t.varDefs(v).defs = append(t.varDefs(v).defs, d)
	}
}

// builderName returns the key of BuilderTypes for t or *t, or "".
func builderName(typ types.Type) string {
	if typ == nil {
		return ""
	}
	if p, ok := typ.(*types.Pointer); ok {
		typ = p.Elem()
	}
	n, ok := typ.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	name := n.Obj().Pkg().Path() + "." + n.Obj().Name()
	if _, ok := BuilderTypes[name]; ok {
		return name
	}
	return ""
}

// funcAt returns the innermost function (declaration with a body, or
// literal) around pos; nil at package level.
func (t *tracer) funcAt(pos token.Pos) ast.Node {
	if fn, ok := t.funcAtM[pos]; ok {
		return fn
	}
	var best ast.Node
	for _, fn := range t.funcs {
		if within(fn, pos) && (best == nil || fn.Pos() > best.Pos()) {
			best = fn
		}
	}
	t.funcAtM[pos] = best
	return best
}

// reaching returns the definitions of v that may give it its value at pos.
func (t *tracer) reaching(v *types.Var, pos token.Pos) []*def {
	vd := t.vars[v]
	if vd == nil {
		return nil
	}
	if v.Parent() == t.pkg.Scope() {
		return vd.defs // package variables: any assignment, anywhere
	}
	declFn := t.funcAt(v.Pos())
	closure := t.funcAt(pos) != declFn // a use in a function literal: its callers choose when
	var cands []*def
	for _, d := range vd.defs {
		switch {
		case closure || d.fn != declFn:
			cands = append(cands, d)
		case d.end <= pos, d.body != nil && within(d.body, pos), t.loopCarried(d, pos) != nil:
			cands = append(cands, d)
		}
	}
	if closure {
		return cands
	}
	out := cands[:0:0]
	for _, d1 := range cands {
		if !t.killed(d1, cands, pos, declFn) {
			out = append(out, d1)
		}
	}
	return out
}

// loopCarried returns the body of a loop around both d and pos, through
// which d can reach pos on a later iteration.
func (t *tracer) loopCarried(d *def, pos token.Pos) *ast.BlockStmt {
	for _, l := range d.loops {
		if within(l, pos) {
			return l
		}
	}
	return nil
}

// killed reports whether another definition always replaces d1's value
// before pos: one that dominates pos (it is in a statement list around
// pos, before it) and comes after d1.
func (t *tracer) killed(d1 *def, cands []*def, pos token.Pos, declFn ast.Node) bool {
	if d1.fn != declFn {
		return false
	}
	for _, d2 := range cands {
		if d2 == d1 || d2.fn != declFn {
			continue
		}
		switch d2.kind {
		case defAssign, defTuple, defZero, defParam, defRange:
		default:
			continue // adds to the value, or may not happen
		}
		dominates := d2.block != nil && within(d2.block, pos) && d2.end <= pos ||
			d2.body != nil && within(d2.body, pos)
		if !dominates {
			continue
		}
		if d1.end <= d2.pos {
			return true
		}
		if l := t.loopCarried(d1, pos); l != nil && d1.pos > pos && within(l, d2.pos) {
			return true
		}
	}
	return false
}

// carrier reports whether a value of type typ can hold text: strings,
// byte and rune slices, containers of them, builders, and the request
// types text is read from. Numbers, booleans, time values and other
// structs cannot carry input into SQL text.
func carrier(typ types.Type) bool { return carrierDepth(typ, 0) }

func carrierDepth(typ types.Type, depth int) bool {
	if typ == nil || depth > 4 {
		return false
	}
	if builderName(typ) != "" || RequestCarriers[typeString(typ)] {
		return true
	}
	if tp, ok := typ.(*types.TypeParam); ok {
		return typeParamCarrier(tp, depth)
	}
	switch u := typ.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && (b.Kind() == types.Byte || b.Kind() == types.Rune) {
			return true
		}
		return carrierDepth(u.Elem(), depth+1)
	case *types.Array:
		return carrierDepth(u.Elem(), depth+1)
	case *types.Map:
		return carrierDepth(u.Elem(), depth+1)
	case *types.Pointer:
		return carrierDepth(u.Elem(), depth+1)
	}
	return false
}

// typeParamCarrier reports whether a type parameter may hold text: unless
// its constraint lists only types that cannot (~int | ~int64), an
// instantiation may be a string.
func typeParamCarrier(tp *types.TypeParam, depth int) bool {
	iface, ok := tp.Constraint().Underlying().(*types.Interface)
	if !ok {
		return true
	}
	terms := 0
	for i := range iface.NumEmbeddeds() {
		var list []types.Type
		switch e := iface.EmbeddedType(i).(type) {
		case *types.Union:
			for j := range e.Len() {
				list = append(list, e.Term(j).Type())
			}
		default:
			if _, isIface := e.Underlying().(*types.Interface); isIface {
				continue
			}
			list = append(list, e)
		}
		for _, typ := range list {
			terms++
			if carrierDepth(typ, depth+1) {
				return true
			}
		}
	}
	return terms == 0
}

func typeString(typ types.Type) string {
	if typ == nil {
		return ""
	}
	return types.TypeString(typ, nil)
}

func isRequestRoot(typ types.Type) bool { return RequestRoots[typeString(typ)] }

// taints returns the untrusted inputs the value of e can carry.
func (t *tracer) taints(e ast.Expr) []taint {
	if e == nil || t.depth >= maxDepth || t.steps >= maxSteps {
		return nil
	}
	t.depth++
	t.steps++
	defer func() { t.depth-- }()
	tv, ok := t.info.Types[e]
	if !ok || tv.Value != nil || tv.IsType() || !carrier(tv.Type) {
		return nil
	}
	if t.requestRooted(e) {
		return []taint{{src: &source{kind: srcRequest, desc: "request data " + exprText(e)}}}
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return t.taints(e.X)
	case *ast.Ident:
		v, ok := t.info.Uses[e].(*types.Var)
		if !ok || v.IsField() || v.Pkg() != t.pkg || t.validated(e, e.Pos()) {
			return nil
		}
		return t.varTaints(v, e.Pos(), e)
	case *ast.SelectorExpr:
		return t.selector(e)
	case *ast.IndexExpr:
		switch u := t.info.TypeOf(e.X).Underlying().(type) {
		case *types.Map:
			if t.validated(e, e.Pos()) {
				return nil
			}
			return t.mapValues(e.X)
		case *types.Slice, *types.Array, *types.Basic:
			return t.taints(e.X)
		case *types.Pointer:
			if _, ok := u.Elem().Underlying().(*types.Array); ok {
				return t.taints(e.X)
			}
		}
	case *ast.SliceExpr:
		return t.taints(e.X)
	case *ast.StarExpr:
		return t.taints(e.X)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return t.taints(e.X)
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			xs := withVia(t.taints(e.X), "concatenation", e.OpPos)
			pre, ok := t.constSuffix(e.X)
			ys := withPre(withVia(t.taints(e.Y), "concatenation", e.OpPos), pre, ok)
			return append(xs, ys...)
		}
	case *ast.CallExpr:
		return t.callResult(e, 0)
	case *ast.CompositeLit:
		var out []taint
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				out = append(out, t.taints(kv.Key)...)
				el = kv.Value
			}
			out = append(out, t.taints(el)...)
		}
		return out
	}
	return nil
}

// constSuffix returns the constant text at the end of a string expression.
func (t *tracer) constSuffix(e ast.Expr) (string, bool) {
	e = ast.Unparen(e)
	if tv, ok := t.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		return t.constSuffix(b.Y)
	}
	return "", false
}

// varTaints returns what the definitions of v reaching pos can carry.
func (t *tracer) varTaints(v *types.Var, pos token.Pos, use ast.Expr) []taint {
	var out []taint
	for _, d := range t.reaching(v, pos) {
		out = append(out, t.defTaints(d, use)...)
	}
	return out
}

func (t *tracer) defTaints(d *def, use ast.Expr) []taint {
	switch d.kind {
	case defParam:
		return []taint{{src: &source{kind: srcParam, param: d.v, recv: d.recv, desc: fmt.Sprintf("parameter %q", d.v.Name())}}}
	case defZero:
		return nil
	case defAddr:
		// json.NewDecoder(r.Body).Decode(&v), fmt.Sscan(r.FormValue("n"), &v)
		if use != nil && t.callReadsRequest(d.rhs.(*ast.CallExpr)) {
			return []taint{{src: &source{kind: srcRequest, desc: "request data " + exprText(use)}}}
		}
		return nil
	}
	if ts, ok := t.defMemo[d]; ok {
		return ts
	}
	if t.busy[d] {
		return nil
	}
	t.busy[d] = true
	var ts []taint
	switch d.kind {
	case defAssign, defElem:
		ts = t.taints(d.rhs)
	case defOp:
		prior := t.reaching(d.v, d.pos)
		pre, ok := t.priorSuffix(prior)
		ts = withVia(t.taints(d.rhs), "+=", d.pos)
		if _, isConst := t.constSuffix(d.rhs); !isConst || len(ts) == 0 {
			ts = withPre(ts, pre, ok)
		}
		for _, p := range prior {
			ts = append(ts, t.defTaints(p, nil)...)
		}
	case defTuple:
		switch x := ast.Unparen(d.rhs).(type) {
		case *ast.IndexExpr:
			if d.index == 0 {
				ts = t.taints(x)
			}
		case *ast.CallExpr:
			ts = t.callResult(x, d.index)
		}
	case defRange:
		ts = t.taints(d.rhs)
	case defWrite:
		ts = t.writeTaints(d)
	}
	delete(t.busy, d)
	t.defMemo[d] = ts
	return ts
}

// priorSuffix returns the constant text the given definitions all end
// with, when they are one: the text a += or a builder write appends to.
func (t *tracer) priorSuffix(defs []*def) (string, bool) {
	if len(defs) != 1 {
		return "", false
	}
	d := defs[0]
	switch d.kind {
	case defAssign, defOp:
		return t.constSuffix(d.rhs)
	case defWrite:
		call := d.rhs.(*ast.CallExpr)
		if !d.spec.Format && d.spec.Arg < len(call.Args) {
			return t.constSuffix(call.Args[len(call.Args)-1])
		}
	}
	return "", false
}

// writeTaints returns what a builder write appends.
func (t *tracer) writeTaints(d *def) []taint {
	call := d.rhs.(*ast.CallExpr)
	var out []taint
	if d.spec.Format {
		out = t.format(call, d.spec.Arg+1, d.spec.Name)
	} else {
		for _, a := range call.Args[min(d.spec.Arg, len(call.Args)):] {
			out = append(out, t.taints(a)...)
		}
	}
	// The text written just before, when it is one constant.
	var prev *def
	for _, p := range t.vars[d.v].defs {
		if p.kind == defWrite && p.end <= d.pos && (prev == nil || p.pos > prev.pos) && p.fn == d.fn {
			prev = p
		}
	}
	if prev != nil {
		pre, ok := t.priorSuffix([]*def{prev})
		out = withPre(out, pre, ok)
	}
	return withVia(out, d.spec.Name, call.Pos())
}

// selector handles x.f: a qualified identifier, or a field.
func (t *tracer) selector(e *ast.SelectorExpr) []taint {
	sel := t.info.Selections[e]
	if sel == nil {
		if v, ok := t.info.Uses[e.Sel].(*types.Var); ok && v.Pkg() != nil {
			if k, ok := ProcessSources[v.Pkg().Path()+"."+v.Name()]; ok {
				return []taint{{src: processSource(k, exprText(e))}}
			}
		}
		return nil
	}
	if sel.Kind() != types.FieldVal {
		return nil
	}
	if t.validated(e, e.Pos()) {
		return nil
	}
	// v.F where v is a local struct: what was put in F.
	if v := t.localVar(e.X); v != nil && v.Parent() != t.pkg.Scope() {
		var out []taint
		for _, d := range t.reaching(v, e.Pos()) {
			if lit := compositeOf(d.rhs); lit != nil && d.kind == defAssign {
				out = append(out, t.taints(fieldValue(lit, e.Sel.Name))...)
				continue
			}
			if k := t.defInput(d); k != 0 {
				out = append(out, taint{src: fieldSource(k, e)})
			}
		}
		for _, d := range t.vars[v].fieldsBefore(e.Sel.Name, e.Pos()) {
			out = append(out, t.defTaints(d, nil)...)
		}
		return out
	}
	if k := t.structInput(e.X, 0); k != 0 {
		return []taint{{src: fieldSource(k, e)}}
	}
	return nil
}

func (vd *varDefs) fieldsBefore(name string, pos token.Pos) []*def {
	if vd == nil {
		return nil
	}
	var out []*def
	for _, d := range vd.fields {
		if d.field == name && (d.end <= pos || d.loops != nil) {
			out = append(out, d)
		}
	}
	return out
}

func fieldSource(k srcKind, e ast.Expr) *source {
	if k == srcRequest {
		return &source{kind: srcRequest, desc: "request data " + exprText(e)}
	}
	return &source{kind: srcField, desc: fmt.Sprintf("field %q", exprText(e))}
}

func processSource(k srcKind, text string) *source {
	if k == srcEnv {
		return &source{kind: srcEnv, desc: "environment variable " + text}
	}
	return &source{kind: srcArgs, desc: "command-line argument " + text}
}

// defInput says whether a definition makes a struct variable input: a
// parameter (not the receiver: an object's own fields are its
// configuration), decoded from a request, or taken from one.
func (t *tracer) defInput(d *def) srcKind {
	switch d.kind {
	case defParam:
		if d.recv {
			return 0
		}
		return srcField
	case defAddr, defTuple:
		if call, ok := ast.Unparen(d.rhs).(*ast.CallExpr); ok && t.callReadsRequest(call) {
			return srcRequest
		}
	case defAssign:
		return t.structInput(d.rhs, 1)
	case defRange:
		return t.structInput(d.rhs, 1)
	}
	return 0
}

// structInput says whether a struct (or a container of structs) is input.
func (t *tracer) structInput(e ast.Expr, depth int) srcKind {
	if depth > 8 {
		return 0
	}
	if t.requestRooted(e) {
		return srcRequest
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v := t.localVar(x)
		if v == nil || v.Parent() == t.pkg.Scope() {
			return 0
		}
		var k srcKind
		for _, d := range t.reaching(v, x.Pos()) {
			if t.busy[d] {
				continue
			}
			t.busy[d] = true
			dk := t.defInput(d)
			delete(t.busy, d)
			if dk == srcRequest {
				return srcRequest
			}
			k = max(k, dk)
		}
		return k
	case *ast.SelectorExpr:
		if sel := t.info.Selections[x]; sel != nil && sel.Kind() == types.FieldVal {
			return t.structInput(x.X, depth+1)
		}
	case *ast.IndexExpr:
		return t.structInput(x.X, depth+1)
	case *ast.StarExpr:
		return t.structInput(x.X, depth+1)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return t.structInput(x.X, depth+1)
		}
	case *ast.CallExpr:
		if t.callReadsRequest(x) {
			return srcRequest
		}
	}
	return 0
}

func compositeOf(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// fieldValue returns the value a keyed struct literal gives a field; nil
// (the zero value) when it gives none.
func fieldValue(lit *ast.CompositeLit, name string) ast.Expr {
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv.Value
			}
		}
	}
	return nil
}

// mapValues returns what the values of a map can carry: the values of its
// literal and of the assignments into it. A map of unknown origin carries
// nothing the tracer can name.
func (t *tracer) mapValues(m ast.Expr) []taint {
	m = ast.Unparen(m)
	if lit, ok := m.(*ast.CompositeLit); ok {
		var out []taint
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				out = append(out, t.taints(kv.Value)...)
			}
		}
		return out
	}
	v := t.localVar(m)
	if v == nil {
		return t.taints(m)
	}
	vd := t.vars[v]
	if vd == nil {
		return nil
	}
	var out []taint
	for _, d := range vd.defs {
		if lit := compositeOf(d.rhs); lit != nil && d.kind == defAssign {
			out = append(out, t.mapValues(lit)...)
			continue
		}
		out = append(out, t.defTaints(d, m)...)
	}
	return out
}

// requestRooted reports whether e reads a client request: a chain of
// fields, methods and indexes through request types, starting at an
// *http.Request or url.Values (r.URL.Query().Get("q"), r.Header.Get("X"),
// mux.Vars(r)["id"], io.ReadAll(r.Body)).
func (t *tracer) requestRooted(e ast.Expr) bool {
	for range 16 {
		typ := t.info.TypeOf(e)
		if isRequestRoot(typ) {
			return true
		}
		if !carrier(typ) {
			return false
		}
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		case *ast.SelectorExpr:
			if t.info.Selections[x] == nil {
				return false // a qualified identifier
			}
			e = x.X
		case *ast.CallExpr:
			return t.callReadsRequest(x)
		default:
			return false
		}
	}
	return false
}

// callReadsRequest reports whether a call reads request data: a method of
// a request value, or an extractor given one.
func (t *tracer) callReadsRequest(call *ast.CallExpr) bool {
	fn := typeutil.StaticCallee(t.info, call)
	if fn == nil {
		return false
	}
	if _, ok := Sanitizers[fn.FullName()]; ok {
		return false
	}
	if RequestExtractors[fn.FullName()] {
		for _, a := range call.Args {
			if t.requestRooted(a) || hasKind(t.taints(a), srcRequest) {
				return true
			}
		}
		return false
	}
	if fn.Signature().Recv() == nil {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if name := fn.Name(); name == "Context" || name == "WithContext" || name == "Clone" {
		return false
	}
	return t.requestRooted(sel.X) || carrier(t.info.TypeOf(sel.X)) && hasKind(t.taints(sel.X), srcRequest)
}

func hasKind(ts []taint, k srcKind) bool {
	for _, tt := range ts {
		if tt.src.kind == k {
			return true
		}
	}
	return false
}

// callResult returns what result index of a call can carry.
func (t *tracer) callResult(call *ast.CallExpr, index int) []taint {
	info := t.info
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 && index == 0 {
			return t.taints(call.Args[0]) // string(b), []byte(s), Name(s)
		}
		return nil
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "append" || b.Name() == "min" || b.Name() == "max" {
				var out []taint
				for _, a := range call.Args {
					out = append(out, t.taints(a)...)
				}
				return out
			}
			return nil
		}
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil {
		return nil
	}
	sig := fn.Signature()
	if index >= sig.Results().Len() || !carrier(sig.Results().At(index).Type()) {
		return nil
	}
	name := fn.FullName()
	if _, ok := Sanitizers[name]; ok {
		return nil
	}
	if t.callReadsRequest(call) {
		return []taint{{src: &source{kind: srcRequest, desc: "request data " + exprText(call)}}}
	}
	if k, ok := ProcessSources[name]; ok {
		if index != 0 {
			return nil
		}
		text := exprText(call)
		if k == srcEnv && len(call.Args) == 1 {
			if tv := info.Types[call.Args[0]]; tv.Value != nil && tv.Value.Kind() == constant.String {
				text = fmt.Sprintf("%q", constant.StringVal(tv.Value))
			}
		}
		return []taint{{src: processSource(k, text)}}
	}
	if first, ok := Formatters[name]; ok {
		return t.format(call, first, name)
	}
	switch name {
	case "strings.Join":
		if len(call.Args) != 2 {
			return nil
		}
		return withVia(append(t.taints(call.Args[0]), t.taints(call.Args[1])...), "strings.Join", call.Pos())
	case "strings.ReplaceAll", "strings.Replace":
		if t.doublesQuotes(call) {
			return nil // x with ' doubled: a quoted SQL literal cannot be left
		}
	}
	if decl := t.decls[fn.Origin()]; decl != nil {
		return t.summary(call, fn.Origin(), decl, index)
	}
	if fn.Pkg() != nil && (Propagators[fn.Pkg().Path()] || PropagatorFuncs[name]) {
		var out []taint
		if sig.Recv() != nil {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				out = append(out, t.taints(sel.X)...)
			}
		}
		for _, a := range call.Args {
			out = append(out, t.taints(a)...)
		}
		return out
	}
	return nil
}

// doublesQuotes reports whether strings.Replace[All](x, "'", "”") escapes
// single (or double) quotes the way SQL does.
func (t *tracer) doublesQuotes(call *ast.CallExpr) bool {
	if len(call.Args) < 3 {
		return false
	}
	str := func(e ast.Expr) string {
		if tv := t.info.Types[e]; tv.Value != nil && tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value)
		}
		return "\x00"
	}
	old, repl := str(call.Args[1]), str(call.Args[2])
	return (old == "'" || old == `"`) && repl == old+old
}

// format returns what a fmt call prints: its format and its arguments.
// first is the index of the first printed argument; the format is the one
// before it (none when first is -1 or 0 without one).
func (t *tracer) format(call *ast.CallExpr, first int, name string) []taint {
	name = strings.TrimPrefix(name, "fmt.")
	name = "fmt." + name
	if call.Ellipsis.IsValid() {
		return nil
	}
	var out []taint
	var verbs []int // byte offsets of the verbs of a constant format
	var format string
	if first > 0 && first <= len(call.Args) {
		f := call.Args[first-1]
		out = append(out, t.taints(f)...)
		if tv := t.info.Types[f]; tv.Value != nil && tv.Value.Kind() == constant.String {
			format = constant.StringVal(tv.Value)
			verbs = verbOffsets(format)
		}
	}
	if first < 0 {
		first = 0
	}
	for i := first; i < len(call.Args); i++ {
		arg := call.Args[i]
		typ := t.info.TypeOf(arg)
		if typ == nil || hasFormatMethods(typ) {
			continue // fmt prints what its String or Format method returns
		}
		ts := t.taints(arg)
		if n := i - first; n < len(verbs) {
			ts = withPre(ts, format[:verbs[n]], true)
		}
		out = append(out, ts...)
	}
	return withVia(out, name, call.Pos())
}

// verbOffsets returns the byte offsets of the verbs of a format that uses
// no explicit argument indexes; nil when it does.
func verbOffsets(s string) []int {
	var out []int
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("+-# 0123456789.", s[j]) >= 0 {
			j++
		}
		if j >= len(s) {
			break
		}
		switch s[j] {
		case '%':
		case '[', '*':
			return nil
		default:
			out = append(out, i)
		}
		i = j
	}
	return out
}

// hasFormatMethods reports whether fmt would print a value of type typ
// through a method (or the type is an interface whose dynamic type it
// cannot know).
func hasFormatMethods(typ types.Type) bool {
	if _, ok := typ.Underlying().(*types.Interface); ok {
		return true
	}
	ms := types.NewMethodSet(typ)
	if _, isPtr := typ.(*types.Pointer); !isPtr {
		ms = types.NewMethodSet(types.NewPointer(typ))
	}
	for i := range ms.Len() {
		switch ms.At(i).Obj().Name() {
		case "String", "Error", "Format", "GoString":
			return builderName(typ) == "" // a builder's String is its text, but fmt does not call it on a value
		}
	}
	return false
}

// summary returns what result index of a call to a function of the
// package can carry: its return values, with its parameters replaced by
// the call's arguments.
func (t *tracer) summary(call *ast.CallExpr, fn *types.Func, decl *ast.FuncDecl, index int) []taint {
	key := sumKey{fn, index}
	inner, ok := t.sumMemo[key]
	if !ok {
		if t.busy[key] {
			return nil // recursion
		}
		t.busy[key] = true
		inner = t.returns(decl, index)
		delete(t.busy, key)
		t.sumMemo[key] = inner
	}
	sig := fn.Signature()
	var out []taint
	for _, tt := range inner {
		if tt.src.kind != srcParam {
			out = append(out, tt)
			continue
		}
		var args []ast.Expr
		switch {
		case tt.src.recv:
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				args = []ast.Expr{sel.X}
			}
		default:
			for i := range sig.Params().Len() {
				if sig.Params().At(i) != tt.src.param && sig.Params().At(i).Origin() != tt.src.param {
					continue
				}
				switch {
				case sig.Variadic() && i == sig.Params().Len()-1 && !call.Ellipsis.IsValid():
					if i < len(call.Args) {
						args = call.Args[i:]
					}
				case i < len(call.Args):
					args = call.Args[i : i+1]
				}
			}
		}
		if args == nil {
			continue // a parameter of another function (a closure's)
		}
		for _, a := range args {
			for _, at := range t.taints(a) {
				if tt.via != "" {
					at.via, at.viaPos = tt.via, tt.viaPos
					at.pre, at.hasPre = tt.pre, tt.hasPre
				}
				out = append(out, at)
			}
		}
	}
	return out
}

// returns returns what result index of a function can carry, in terms of
// its own parameters.
func (t *tracer) returns(decl *ast.FuncDecl, index int) []taint {
	var named []*ast.Ident
	if decl.Type.Results != nil {
		for _, f := range decl.Type.Results.List {
			named = append(named, f.Names...)
		}
	}
	var out []taint
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) == 0 && index < len(named):
				if v := t.localVar(named[index]); v != nil {
					out = append(out, t.varTaints(v, n.Pos(), named[index])...)
				}
			case len(n.Results) == 1 && index > 0:
				if call, ok := ast.Unparen(n.Results[0]).(*ast.CallExpr); ok {
					out = append(out, t.callResult(call, index)...)
				}
			case index < len(n.Results):
				out = append(out, t.taints(n.Results[index])...)
			}
		}
		return true
	})
	return out
}

// exprText is an expression as a message shows it.
func exprText(e ast.Expr) string {
	return report.Shorten(types.ExprString(e), 60)
}
