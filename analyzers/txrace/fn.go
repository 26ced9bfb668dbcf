package txrace

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"

	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema"
)

// fnState is one function (declaration or literal) and the calls that
// send SQL from it, in source order.
type fnState struct {
	c     *checker
	info  *types.Info
	fn    ast.Node
	body  *ast.BlockStmt
	calls []*sqlcall.Call
	ifs   []*ast.IfStmt
	locks []lockEvent
}

// lockEvent is a statement that locks rows or tables, or takes an
// advisory lock.
type lockEvent struct {
	pos      token.Pos
	tables   []relName
	advisory bool
}

func (c *checker) newFunc(fn ast.Node) *fnState {
	f := &fnState{c: c, info: c.pass.TypesInfo, fn: fn, body: funcBody(fn), calls: c.byFunc[fn]}
	inspectOwn(f.body, func(n ast.Node) bool {
		if s, ok := n.(*ast.IfStmt); ok {
			f.ifs = append(f.ifs, s)
		}
		return true
	})
	for _, call := range f.calls {
		for _, q := range call.Queries {
			for _, st := range q.Statements {
				if tabs, adv := locksIn(st.Node); len(tabs) > 0 || adv {
					f.locks = append(f.locks, lockEvent{pos: call.Expr.Pos(), tables: tabs, advisory: adv})
				}
			}
		}
	}
	return f
}

// lockedBefore reports whether the function locks the table (any table
// when t is nil), or takes an advisory lock, before pos.
func (f *fnState) lockedBefore(t *relName, pos token.Pos) bool {
	for _, l := range f.locks {
		if l.pos >= pos {
			continue
		}
		if l.advisory || t == nil {
			return true
		}
		for _, lt := range l.tables {
			if lt.same(*t) {
				return true
			}
		}
	}
	return false
}

// read is a SELECT whose result the function scans.
type read struct {
	call    *sqlcall.Call
	shape   *selectShape
	places  map[string]place // column -> where it is scanned
	scanEnd token.Pos        // the read values exist from here
	errVar  *types.Var       // the error of the scan, when assigned
}

func (f *fnState) readOf(call *sqlcall.Call) *read {
	switch call.Kind {
	case sqlcall.KindQueryRow, sqlcall.KindQuery, sqlcall.KindGet:
	default:
		return nil
	}
	_, node := oneStatement(call)
	if node == nil || call.Scan == nil || call.Scan.Call == nil {
		return nil
	}
	sh := selectOf(node, f.c.cat)
	if sh == nil {
		return nil
	}
	s := call.Scan
	rd := &read{call: call, shape: sh, places: map[string]place{}, scanEnd: s.Call.End()}
	var targets []ast.Expr
	switch {
	case s.Ellipsis:
	case s.Via == sqlcall.ViaScan || s.Via == sqlcall.ViaForEachRow:
		targets = s.Targets
	case s.Via == sqlcall.ViaSqlxDest && s.Struct == nil && len(s.Targets) == 1:
		targets = s.Targets
	}
	if len(targets) == len(sh.outputs) {
		for i, t := range targets {
			if p, ok := targetPlace(f.info, t); ok {
				rd.places[sh.outputs[i]] = p
			}
		}
	}
	as := f.assignOf(s.Call)
	if as != nil && s.Via == "RowTo" && len(sh.outputs) == 1 {
		// n, err := pgx.CollectOneRow(rows, pgx.RowTo[int64])
		if p, ok := placeOf(f.info, as.Lhs[0]); ok {
			rd.places[sh.outputs[0]] = p
		}
	}
	if as != nil {
		if v := f.c.identVar(as.Lhs[len(as.Lhs)-1]); v != nil && isError(v.Type()) {
			rd.errVar = v
		}
	}
	return rd
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// assignOf returns the assignment whose only right-hand side is call.
func (f *fnState) assignOf(call *ast.CallExpr) *ast.AssignStmt {
	cur, ok := f.c.in.Root().FindNode(call)
	if !ok {
		return nil
	}
	if k, i := cur.ParentEdge(); k == edge.AssignStmt_Rhs && i == 0 {
		if as := cur.Parent().Node().(*ast.AssignStmt); len(as.Rhs) == 1 {
			return as
		}
	}
	return nil
}

// flowFrom follows the values a read scans up to pos.
func (f *fnState) flowFrom(rd *read, to token.Pos) *flow {
	fl := &flow{info: f.info, taints: map[place]*taint{}}
	for col, p := range rd.places {
		if col != "" {
			fl.taints[p] = &taint{cols: map[string]bool{col: true}}
		}
	}
	fl.step(f.body, rd.scanEnd, to)
	return fl
}

// sameExpr reports whether two Go expressions are the same expression of
// the same variables (the same key passed to two statements).
func (f *fnState) sameExpr(a, b ast.Expr) bool {
	if a == nil || b == nil || types.ExprString(a) != types.ExprString(b) {
		return false
	}
	objs := func(e ast.Expr) []types.Object {
		var out []types.Object
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				out = append(out, f.info.Uses[id])
			}
			return true
		})
		return out
	}
	oa, ob := objs(a), objs(b)
	if len(oa) != len(ob) {
		return false
	}
	for i := range oa {
		if oa[i] != ob[i] {
			return false
		}
	}
	return true
}

// lostUpdates reports read-modify-write cycles: a column read by SELECT,
// changed in Go and written back by UPDATE of the same row.
func (f *fnState) lostUpdates() {
	for i, s := range f.calls {
		rd := f.readOf(s)
		if rd == nil || rd.shape.locked || rd.shape.kind != probeRows || len(rd.places) == 0 {
			continue
		}
		if !f.c.levelOf(s).belowRepeatableRead() {
			continue
		}
		for _, u := range f.calls[i+1:] {
			if u.Expr.Pos() >= rd.scanEnd && f.lostUpdate(rd, u) {
				break
			}
		}
	}
}

func (f *fnState) lostUpdate(rd *read, u *sqlcall.Call) bool {
	_, node := oneStatement(u)
	up := updateOf(node)
	if up == nil || !up.table.same(rd.shape.table) || !f.c.levelOf(u).belowRepeatableRead() {
		return false
	}
	if f.lockedBefore(&up.table, u.Expr.Pos()) {
		return false
	}
	fl := f.flowFrom(rd, u.Expr.Pos())
	key := -1
	for i, cj := range up.conjs {
		if eq, ok := eqOf(cj, up.alias); ok && f.sameRow(rd, fl, eq, u) {
			key = i
			break
		}
	}
	if key < 0 {
		return false
	}
	readCols := map[string]bool{}
	for _, col := range rd.shape.outputs {
		if col != "" {
			readCols[col] = true
		}
	}
	for i, cj := range up.conjs {
		if i == key {
			continue
		}
		for _, col := range columnsIn(cj) {
			if readCols[col] {
				return false // WHERE version = $3: an optimistic check
			}
		}
	}
	for _, st := range up.sets {
		if st.param == 0 || !readCols[st.col] {
			continue
		}
		g := argOf(u, st.param)
		if g == nil {
			continue
		}
		var from []*taint
		for _, t := range fl.mentions(g) {
			if t.cols[st.col] {
				from = append(from, t)
			}
		}
		t := merge(f.info, g, from)
		if t == nil || !t.computed {
			continue
		}
		expr := "<expression of " + st.col + ">"
		if t.op != "" {
			expr = st.col + " " + t.op + " $1"
		}
		msg := fmt.Sprintf("%s read by SELECT at line %d is written back by UPDATE %q at line %d after computing it in Go: two concurrent requests lose one update; compute it in SQL (UPDATE ... SET %s = %s) or lock the row (SELECT ... FOR UPDATE in a transaction)",
			st.col, f.c.line(anchor(rd.call)), up.table.String(), f.c.line(anchor(u)), st.col, expr)
		f.c.r.Report(ruleLostUpdate, anchor(u), anchor(u), msg)
		return true
	}
	return false
}

// sameRow reports whether an UPDATE's `col = $n` names the row the read
// filtered on: the same Go expression for the same column, the same
// constant, or the key column read back by the SELECT itself.
func (f *fnState) sameRow(rd *read, fl *flow, eq eqPred, u *sqlcall.Call) bool {
	for _, se := range rd.shape.eqs {
		if se.col != eq.col {
			continue
		}
		if se.param > 0 && eq.param > 0 && f.sameExpr(argOf(rd.call, se.param), argOf(u, eq.param)) {
			return true
		}
		if se.konst != "" && se.konst == eq.konst {
			return true
		}
	}
	if eq.param > 0 {
		g := argOf(u, eq.param)
		if g != nil && bare(f.info, g) {
			for _, t := range fl.mentions(g) {
				if t.cols[eq.col] && !t.computed && len(t.cols) == 1 {
					return true
				}
			}
		}
	}
	return false
}

// checkThenInserts reports an INSERT decided by a SELECT that looked for
// the same row, with no unique index to make the database refuse the
// second of two concurrent inserts.
func (f *fnState) checkThenInserts() {
	for i, s := range f.calls {
		rd := f.readOf(s)
		if rd == nil || len(rd.shape.eqs) == 0 || !f.c.levelOf(s).belowSerializable() {
			continue
		}
		tab := f.c.cat.Table(rd.shape.table.schema, rd.shape.table.name)
		if tab == nil {
			continue
		}
		var cols []string
		for _, eq := range rd.shape.eqs {
			if !contains(cols, eq.col) {
				cols = append(cols, eq.col)
			}
		}
		if uniqueCovers(tab, cols) {
			continue
		}
		for _, ins := range f.calls[i+1:] {
			if ins.Expr.Pos() < rd.scanEnd {
				continue
			}
			_, node := oneStatement(ins)
			sh := insertOf(node)
			if sh == nil || sh.onConflict || !sh.table.same(rd.shape.table) || !f.c.levelOf(ins).belowSerializable() {
				continue
			}
			if f.lockedBefore(nil, ins.Expr.Pos()) || !f.sameValues(rd, sh, ins, tab) || !f.gated(rd, ins.Expr.Pos()) {
				continue
			}
			list := strings.Join(cols, ", ")
			msg := fmt.Sprintf("insert into %q runs when the SELECT at line %d finds no row with the same (%s): two concurrent requests can both find none and both insert, and no unique index covers (%s); add CREATE UNIQUE INDEX CONCURRENTLY ON %s (%s) and use INSERT ... ON CONFLICT (%s) DO NOTHING",
				tab.QualifiedName(), f.c.line(anchor(s)), list, list, tab.QualifiedName(), list, list)
			f.c.r.Report(ruleCheckThenInsert, anchor(ins), anchor(ins), msg)
			break
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// uniqueCovers reports whether a unique index or constraint whose keys
// are all among cols exists: it rejects a second row with the same
// values. Partial indexes count too (conservatively), and an expression
// key counts when it mentions one of cols (lower(email)).
func uniqueCovers(t *sqlschema.Table, cols []string) bool {
	in := map[string]bool{}
	for _, c := range cols {
		in[c] = true
	}
	for _, ix := range t.Indexes {
		if !ix.Unique || len(ix.Keys) == 0 {
			continue
		}
		ok := true
		for _, k := range ix.Keys {
			if k.Column != "" {
				ok = ok && in[k.Column]
			} else {
				ok = ok && mentionsAny(k.Expr, in)
			}
		}
		if ok {
			return true
		}
	}
	for _, k := range t.Constraints {
		switch k.Kind {
		case sqlschema.PrimaryKey, sqlschema.Unique, sqlschema.Exclusion:
		default:
			continue
		}
		ok := len(k.Columns) > 0
		for _, c := range k.Columns {
			ok = ok && in[c]
		}
		if ok {
			return true
		}
	}
	return false
}

func mentionsAny(expr string, in map[string]bool) bool {
	for _, w := range strings.FieldsFunc(expr, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		if in[w] {
			return true
		}
	}
	return false
}

// sameValues reports whether the INSERT writes, in every column the
// SELECT filtered on, the value the SELECT looked for.
func (f *fnState) sameValues(rd *read, sh *insertShape, ins *sqlcall.Call, tab *sqlschema.Table) bool {
	cols := sh.cols
	if cols == nil {
		for _, c := range tab.Columns {
			cols = append(cols, c.Name)
		}
		if len(cols) != len(sh.values) {
			return false
		}
	}
	for _, eq := range rd.shape.eqs {
		idx := -1
		for i, c := range cols {
			if c == eq.col {
				idx = i
			}
		}
		if idx < 0 {
			return false
		}
		v := sh.values[idx]
		switch {
		case eq.param > 0:
			if p := paramOf(v); p == 0 || !f.sameExpr(argOf(rd.call, eq.param), argOf(ins, p)) {
				return false
			}
		case eq.konst != constOf(v):
			return false
		}
	}
	return true
}

// gated reports whether an if statement after the read decides, from
// whether the read found a row, that the INSERT at pos runs: the INSERT
// is inside it, or after it when its body leaves.
func (f *fnState) gated(rd *read, pos token.Pos) bool {
	for _, s := range f.ifs {
		if s.Cond.Pos() < rd.scanEnd || s.Pos() >= pos || !f.decides(rd, s.Cond) {
			continue
		}
		if pos < s.End() || terminates(s.Body) {
			return true
		}
	}
	return false
}

// decides reports whether a condition tests whether the read found a row:
// count compared with 0 or 1, the EXISTS result, a scanned key compared
// with its zero value, or the scan's error where the function compares
// it with ErrNoRows.
func (f *fnState) decides(rd *read, cond ast.Expr) bool {
	var probes []place
	for _, p := range rd.places {
		probes = append(probes, p)
	}
	if rd.shape.kind != probeRows {
		probes = nil
		if p, ok := rd.places[""]; ok {
			probes = append(probes, p)
		}
	}
	hit := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if hit {
			return false
		}
		switch x := n.(type) {
		case *ast.BinaryExpr:
			switch x.Op {
			case token.EQL, token.NEQ, token.GTR, token.LSS, token.GEQ, token.LEQ:
				for _, pair := range [][2]ast.Expr{{x.X, x.Y}, {x.Y, x.X}} {
					if p, ok := placeOf(f.info, pair[0]); ok && f.isZeroOrOne(pair[1]) {
						for _, q := range probes {
							hit = hit || p.overlaps(q)
						}
					}
				}
			}
		case *ast.Ident, *ast.SelectorExpr:
			if rd.shape.kind == probeExists {
				if p, ok := placeOf(f.info, x.(ast.Expr)); ok {
					for _, q := range probes {
						hit = hit || p.overlaps(q)
					}
				}
			}
			if rd.errVar != nil {
				if id, ok := x.(*ast.Ident); ok && f.info.Uses[id] == rd.errVar && f.noRowsChecked(rd.errVar) {
					hit = true
				}
			}
		}
		return true
	})
	return hit
}

// isZeroOrOne reports whether e is the constant 0, 1, "" or nil.
func (f *fnState) isZeroOrOne(e ast.Expr) bool {
	tv, ok := f.info.Types[e]
	if !ok {
		return false
	}
	if tv.IsNil() {
		return true
	}
	if tv.Value == nil {
		return false
	}
	switch tv.Value.Kind() {
	case constant.Int, constant.Float:
		return constant.Sign(tv.Value) == 0 || constant.Compare(tv.Value, token.EQL, constant.MakeInt64(1))
	case constant.String:
		return constant.StringVal(tv.Value) == ""
	}
	return false
}

// noRowsChecked reports whether the function compares the error with
// sql.ErrNoRows or pgx.ErrNoRows (err == sql.ErrNoRows, errors.Is).
func (f *fnState) noRowsChecked(errVar *types.Var) bool {
	found := false
	inspectOwn(f.body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n.(type) {
		case *ast.BinaryExpr, *ast.CallExpr:
		default:
			return true
		}
		usesErr, usesNoRows := false, false
		ast.Inspect(n, func(m ast.Node) bool {
			id, ok := m.(*ast.Ident)
			if !ok {
				return true
			}
			obj := f.info.Uses[id]
			if obj == errVar {
				usesErr = true
			}
			if v, ok := obj.(*types.Var); ok && v.Pkg() != nil && noRowsErrors[v.Pkg().Path()+"."+v.Name()] {
				usesNoRows = true
			}
			return true
		})
		found = usesErr && usesNoRows
		return !found
	})
	return found
}

// terminates reports whether a block always leaves: its last statement
// returns, branches or panics.
func terminates(b *ast.BlockStmt) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}
