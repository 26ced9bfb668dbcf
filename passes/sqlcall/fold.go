package sqlcall

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Folding turns the Go expression of a SQL argument into the texts it can
// have at run time: constants, + of constants, single-assignment locals,
// package constants and never-assigned package variables, fmt.Sprintf with
// a constant format, strings.Join of a constant slice, and a local given
// different constants in the branches of one if or switch. Parts that are
// only known at run time become holes; anything else fails, and the call
// stays unresolved: the pass never guesses a text.

const (
	maxDepth    = 64      // nesting of expressions and definitions followed
	maxVariants = 16      // texts of one expression (branches multiply)
	maxText     = 1 << 20 // bytes of one text
	maxWidth    = 1000    // a Sprintf width or precision larger than this is not folded
)

// seg is a piece of a folded text: constant text (from a literal or a
// constant) or a hole.
type seg struct {
	text   string
	lit    *ast.BasicLit // text is lit's value from byte litOff
	litOff int
	pos    token.Pos // where text comes from when it is not from a literal
	hole   *Hole
}

// variant is one possible text.
type variant struct {
	segs     []seg
	rewrites []string
	style    Placeholder // set by the innermost rewrite the text went through
}

func (v variant) hasHoles() bool {
	for _, s := range v.segs {
		if s.hole != nil {
			return true
		}
	}
	return false
}

func (v variant) hasText() bool {
	for _, s := range v.segs {
		if s.hole == nil && strings.TrimSpace(s.text) != "" {
			return true
		}
	}
	return false
}

func (v variant) text() string {
	var b strings.Builder
	for _, s := range v.segs {
		b.WriteString(s.text)
	}
	return b.String()
}

func (v variant) size() int {
	n := 0
	for _, s := range v.segs {
		n += len(s.text) + len(DynPrefix) + 8
	}
	return n
}

// folder folds expressions of one package.
type folder struct {
	a        *pkgState
	depth    int
	visiting map[types.Object]bool
}

func (a *pkgState) newFolder() *folder {
	return &folder{a: a, visiting: make(map[types.Object]bool)}
}

func one(s seg) []variant { return []variant{{segs: []seg{s}}} }

func holeOf(e ast.Expr, kind HoleKind, verb string) []variant {
	return []variant{{segs: []seg{{hole: &Hole{Expr: e, Kind: kind, Verb: verb}}}}}
}

// fold returns the texts e can have, or false.
func (f *folder) fold(e ast.Expr) (vs []variant, ok bool) {
	if e == nil || f.depth >= maxDepth {
		return nil, false
	}
	f.depth++
	defer func() { f.depth-- }()
	switch e := e.(type) {
	case *ast.ParenExpr:
		return f.fold(e.X)
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return f.constant(e)
		}
		s, err := strconv.Unquote(e.Value)
		if err != nil {
			return nil, false
		}
		return one(seg{text: s, lit: e, pos: e.Pos()}), true
	case *ast.Ident:
		switch obj := f.a.info.Uses[e].(type) {
		case *types.Const:
			return f.foldConst(obj, e)
		case *types.Var:
			if vs, ok := f.foldVar(obj, e); ok {
				return vs, true
			}
			return nil, false
		}
	case *ast.SelectorExpr:
		if c, ok := f.a.info.Uses[e.Sel].(*types.Const); ok {
			return f.foldConst(c, e)
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD && isString(f.a.info.TypeOf(e)) {
			return f.concat(e)
		}
	case *ast.CallExpr:
		return f.foldCall(e)
	}
	return f.constant(e)
}

// constant folds e when the type checker knows its string value.
func (f *folder) constant(e ast.Expr) ([]variant, bool) {
	tv, ok := f.a.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil, false
	}
	return one(seg{text: constant.StringVal(tv.Value), pos: e.Pos()}), true
}

// foldConst folds a named constant through its declaration when it is in
// this package (so positions point into its literal), else by value.
func (f *folder) foldConst(c *types.Const, use ast.Expr) ([]variant, bool) {
	if c.Val().Kind() != constant.String {
		return nil, false
	}
	val := constant.StringVal(c.Val())
	if decl, ok := f.a.consts[c]; ok && !f.visiting[c] {
		f.visiting[c] = true
		vs, ok := f.fold(decl)
		delete(f.visiting, c)
		// The declaration must fold to exactly the constant's value.
		if ok && len(vs) == 1 && !vs[0].hasHoles() && vs[0].text() == val {
			return vs, true
		}
	}
	return one(seg{text: val, pos: use.Pos()}), true
}

// concat folds x + y; an operand that does not fold is a hole.
func (f *folder) concat(e *ast.BinaryExpr) ([]variant, bool) {
	xs, ok := f.fold(e.X)
	if !ok {
		xs = holeOf(e.X, HoleConcat, "")
	}
	ys, ok := f.fold(e.Y)
	if !ok {
		ys = holeOf(e.Y, HoleConcat, "")
	}
	return product(xs, ys)
}

// product concatenates every text of xs with every text of ys.
func product(xs, ys []variant) ([]variant, bool) {
	if len(xs)*len(ys) > maxVariants {
		return nil, false
	}
	out := make([]variant, 0, len(xs)*len(ys))
	for _, x := range xs {
		for _, y := range ys {
			if x.size()+y.size() > maxText {
				return nil, false
			}
			v := variant{
				segs:     append(slices.Clip(x.segs), y.segs...),
				rewrites: x.rewrites,
				style:    x.style,
			}
			for _, r := range y.rewrites {
				if !slices.Contains(v.rewrites, r) {
					v.rewrites = append(slices.Clip(v.rewrites), r)
				}
			}
			if v.style == "" {
				v.style = y.style
			}
			out = append(out, v)
		}
	}
	return out, true
}

func (f *folder) foldCall(call *ast.CallExpr) ([]variant, bool) {
	info := f.a.info
	// A conversion to a string type: string(q), Query("...").
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 && isString(info.TypeOf(call.Args[0])) && isString(tv.Type) {
			return f.fold(call.Args[0])
		}
		return f.constant(call)
	}
	fn := calleeFunc(info, call)
	if fn == nil {
		return f.constant(call)
	}
	name := fn.FullName()
	switch name {
	case "fmt.Sprintf":
		return f.sprintf(call)
	case "strings.Join":
		return f.join(call)
	}
	if rw, ok := Rewrites[name]; ok && rw.SQL < len(call.Args) && !(call.Ellipsis.IsValid() && rw.SQL == len(call.Args)-1) {
		vs, ok := f.fold(call.Args[rw.SQL])
		if !ok {
			return nil, false
		}
		return applyRewrite(vs, rw), true
	}
	return f.constant(call)
}

func applyRewrite(vs []variant, rw Rewrite) []variant {
	out := make([]variant, len(vs))
	for i, v := range vs {
		v.rewrites = append(slices.Clip(v.rewrites), rw.Note)
		if v.style == "" {
			v.style = rw.Style
		}
		out[i] = v
	}
	return out
}

// sprintf folds fmt.Sprintf with a constant format: each verb is its
// argument's text when that folds to a constant, else a hole.
func (f *folder) sprintf(call *ast.CallExpr) ([]variant, bool) {
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return nil, false
	}
	formats, ok := f.fold(call.Args[0])
	if !ok {
		return nil, false
	}
	args := call.Args[1:]
	var out []variant
	for _, fv := range formats {
		if fv.hasHoles() {
			return nil, false
		}
		format := fv.text()
		pieces, ok := parseFormat(format)
		if !ok {
			return nil, false
		}
		acc := []variant{{rewrites: fv.rewrites, style: fv.style}}
		argi := 0
		for _, p := range pieces {
			var part []variant
			switch p.kind {
			case pieceText:
				part = []variant{{segs: sliceSegs(fv.segs, p.start, p.end)}}
			case piecePercent:
				part = []variant{{segs: sliceSegs(fv.segs, p.start, p.start+1)}}
				part[0].segs[0].text = "%"
			case pieceVerb:
				if argi >= len(args) {
					return nil, false // %!d(MISSING): vet's printf check reports it
				}
				part = f.verb(args[argi], format[p.start:p.end], p.verb)
				argi++
			}
			if acc, ok = product(acc, part); !ok {
				return nil, false
			}
		}
		if argi != len(args) {
			return nil, false // %!(EXTRA ...)
		}
		out = append(out, acc...)
		if len(out) > maxVariants {
			return nil, false
		}
	}
	return out, true
}

// verb folds one Sprintf verb applied to arg.
func (f *folder) verb(arg ast.Expr, spec string, verb rune) []variant {
	tv := f.a.info.Types[arg]
	plain := spec == "%s" || spec == "%v"
	// fmt calls String, Error or Format when the type has them: the text
	// is then not the constant's.
	if tv.Type == nil || hasFormatMethods(tv.Type) || verb == 'T' || verb == 'p' {
		return holeOf(arg, HoleSprintf, spec)
	}
	if tv.Value != nil {
		if plain && tv.Value.Kind() == constant.String {
			if vs, ok := f.fold(arg); ok && len(vs) == 1 && !vs[0].hasHoles() {
				return vs
			}
		}
		if v, ok := goValue(tv.Value); ok {
			return one(seg{text: fmt.Sprintf(spec, v), pos: arg.Pos()})
		}
		return holeOf(arg, HoleSprintf, spec)
	}
	if plain && isString(tv.Type) {
		if vs, ok := f.fold(arg); ok {
			return vs
		}
	}
	return holeOf(arg, HoleSprintf, spec)
}

// goValue converts a constant into the Go value fmt would see.
func goValue(v constant.Value) (any, bool) {
	switch v.Kind() {
	case constant.String:
		return constant.StringVal(v), true
	case constant.Bool:
		return constant.BoolVal(v), true
	case constant.Int:
		if i, ok := constant.Int64Val(v); ok {
			return i, true
		}
		if u, ok := constant.Uint64Val(v); ok {
			return u, true
		}
	case constant.Float:
		if x, ok := constant.Float64Val(v); ok {
			return x, true
		}
	}
	return nil, false
}

// hasFormatMethods reports whether fmt would print t through a method.
func hasFormatMethods(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Interface); ok {
		return true
	}
	ms := types.NewMethodSet(t)
	if _, isPtr := t.(*types.Pointer); !isPtr {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for i := range ms.Len() {
		switch ms.At(i).Obj().Name() {
		case "String", "Error", "Format", "GoString":
			return true
		}
	}
	return false
}

type pieceKind uint8

const (
	pieceText pieceKind = iota
	piecePercent
	pieceVerb
)

type piece struct {
	kind       pieceKind
	start, end int // byte range in the format
	verb       rune
}

// parseFormat splits a format into text, %% and verbs. Formats with
// explicit argument indexes or * widths are not folded (false).
func parseFormat(s string) ([]piece, bool) {
	var out []piece
	lit := 0
	for i := 0; i < len(s); {
		if s[i] != '%' {
			i++
			continue
		}
		if lit < i {
			out = append(out, piece{kind: pieceText, start: lit, end: i})
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("+-# 0", s[j]) >= 0 {
			j++
		}
		num := func() bool {
			k := j
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-k > 0 {
				n, err := strconv.Atoi(s[k:j])
				return err == nil && n <= maxWidth
			}
			return true
		}
		if j < len(s) && (s[j] == '[' || s[j] == '*') {
			return nil, false
		}
		if !num() {
			return nil, false
		}
		if j < len(s) && s[j] == '.' {
			j++
			if j < len(s) && (s[j] == '[' || s[j] == '*') {
				return nil, false
			}
			if !num() {
				return nil, false
			}
		}
		if j >= len(s) || s[j] == '[' {
			return nil, false // %!(NOVERB) or an index after the width
		}
		verb, size := utf8.DecodeRuneInString(s[j:])
		j += size
		if verb == '%' {
			out = append(out, piece{kind: piecePercent, start: i, end: j, verb: '%'})
		} else {
			out = append(out, piece{kind: pieceVerb, start: i, end: j, verb: verb})
		}
		i, lit = j, j
	}
	if lit < len(s) {
		out = append(out, piece{kind: pieceText, start: lit, end: len(s)})
	}
	return out, true
}

// sliceSegs returns the segments covering bytes [a, b) of their text.
func sliceSegs(segs []seg, a, b int) []seg {
	var out []seg
	off := 0
	for _, s := range segs {
		end := off + len(s.text)
		lo, hi := max(a, off), min(b, end)
		if lo < hi {
			t := s
			t.text = s.text[lo-off : hi-off]
			if s.lit != nil {
				t.litOff = s.litOff + lo - off
			}
			out = append(out, t)
		}
		off = end
	}
	return out
}

// join folds strings.Join of a constant slice with a constant separator.
func (f *folder) join(call *ast.CallExpr) ([]variant, bool) {
	if len(call.Args) != 2 || call.Ellipsis.IsValid() {
		return nil, false
	}
	seps, ok := f.fold(call.Args[1])
	if !ok || len(seps) != 1 || seps[0].hasHoles() {
		return nil, false
	}
	elems, ok := f.sliceElems(call.Args[0])
	if !ok {
		return nil, false
	}
	acc := []variant{{}}
	for i, el := range elems {
		if i > 0 {
			if acc, ok = product(acc, seps); !ok {
				return nil, false
			}
		}
		part, ok := f.fold(el)
		if !ok {
			part = holeOf(el, HoleJoin, "")
		}
		if acc, ok = product(acc, part); !ok {
			return nil, false
		}
	}
	return acc, true
}

// sliceElems returns the elements of a []string composite literal, directly
// or through a variable assigned it once and used only by strings.Join
// (so nothing can have changed an element).
func (f *folder) sliceElems(e ast.Expr) ([]ast.Expr, bool) {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, ok := f.a.info.Uses[id].(*types.Var)
		if !ok {
			return nil, false
		}
		vi := f.a.vars[v]
		if vi == nil || vi.poisoned || len(vi.assigns) != 1 || vi.assigns[0].tuple || vi.assigns[0].rhs == nil {
			return nil, false
		}
		for _, u := range vi.uses {
			if !f.a.isJoinArg(u) {
				return nil, false
			}
		}
		e = ast.Unparen(vi.assigns[0].rhs)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	if s, ok := f.a.info.TypeOf(lit).Underlying().(*types.Slice); !ok || !isString(s.Elem()) {
		return nil, false
	}
	for _, el := range lit.Elts {
		if _, ok := el.(*ast.KeyValueExpr); ok {
			return nil, false
		}
	}
	return lit.Elts, true
}

// foldVar folds a variable through its assignments (see resolveVar).
func (f *folder) foldVar(v *types.Var, use *ast.Ident) ([]variant, bool) {
	if f.visiting[v] {
		return nil, false
	}
	f.visiting[v] = true
	defer delete(f.visiting, v)
	values, selfs, ok := f.a.resolveVar(v, use.Pos())
	if !ok {
		return nil, false
	}
	var out []variant
	for _, as := range values {
		vs, ok := f.foldAssign(as)
		if !ok {
			return nil, false
		}
		out = append(out, vs...)
	}
	out = dedupe(out)
	if len(out) == 0 || len(out) > maxVariants {
		return nil, false
	}
	// q = db.Rebind(q) before the use: same text, new notes.
	for _, s := range selfs {
		fn := calleeFunc(f.a.info, s.rhs.(*ast.CallExpr))
		out = applyRewrite(out, Rewrites[fn.FullName()])
	}
	return out, true
}

// foldAssign folds the value an assignment gives a variable. Of a
// multi-value call only result 0 of a rewrite (sqlx.In) is text.
func (f *folder) foldAssign(as *assign) ([]variant, bool) {
	if as.rhs == nil {
		return nil, false
	}
	if as.tuple {
		call, ok := ast.Unparen(as.rhs).(*ast.CallExpr)
		if !ok || as.index != 0 {
			return nil, false
		}
		fn := calleeFunc(f.a.info, call)
		if fn == nil {
			return nil, false
		}
		if _, ok := Rewrites[fn.FullName()]; !ok {
			return nil, false
		}
		return f.foldCall(call)
	}
	return f.fold(as.rhs)
}

func dedupe(vs []variant) []variant {
	seen := make(map[string]bool)
	out := vs[:0:0]
	for _, v := range vs {
		key := v.text()
		if v.hasHoles() {
			key = "" // holes make equal texts different
		}
		if key != "" && seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, v)
	}
	return out
}

// A span maps a byte range of Query.Text to its origin.
type span struct {
	start, end int
	lit        *ast.BasicLit
	litOff     int
	pos        token.Pos
	hole       int // index in Holes, or -1
}

// An edit records a placeholder rewritten between Text and Parsed.
type edit struct {
	parsed, parsedLen int
	text, textLen     int
}

// buildQuery renders a variant into a Query and parses it.
func buildQuery(v variant, callPos token.Pos, style Placeholder, parse bool) Query {
	q := Query{callPos: callPos, Rewrites: v.rewrites}
	var b strings.Builder
	for _, s := range v.segs {
		start := b.Len()
		if s.hole != nil {
			h := *s.hole
			h.Marker = DynPrefix + strconv.Itoa(len(q.Holes)) + "__"
			h.Offset = start
			b.WriteString(h.Marker)
			q.spans = append(q.spans, span{start: start, end: b.Len(), hole: len(q.Holes), pos: exprPos(h.Expr)})
			q.Holes = append(q.Holes, h)
			continue
		}
		b.WriteString(s.text)
		q.spans = append(q.spans, span{start: start, end: b.Len(), lit: s.lit, litOff: s.litOff, pos: s.pos, hole: -1})
	}
	q.Text = b.String()
	q.Dynamic = len(q.Holes) > 0
	if len(v.segs) == 1 && v.segs[0].lit != nil && v.segs[0].litOff == 0 {
		if full, err := strconv.Unquote(v.segs[0].lit.Value); err == nil && full == q.Text {
			q.Lit = v.segs[0].lit
		}
	}
	q.Name, q.Cmd = sqlcName(q.Text)
	q.Parsed, q.Named, q.edits = rewritePlaceholders(q.Text, style)
	if parse {
		q.parse()
	}
	return q
}

func (q *Query) parse() {
	res, err := pgsql.Parse(q.Parsed)
	if err != nil {
		q.ParseErr = err
		return
	}
	q.Statements = res.Statements
	if len(q.Statements) > 0 {
		q.Stmt = &q.Statements[0]
	}
}

func exprPos(e ast.Expr) token.Pos {
	if e == nil {
		return token.NoPos
	}
	return e.Pos()
}

// PosAt maps a byte offset of Text to a position in the Go source: inside
// the string literal the text came from when it came from one (raw or
// interpreted, escapes accounted for), at the expression of a hole, else at
// the call.
func (q Query) PosAt(offset int) token.Pos {
	for i, s := range q.spans {
		if offset < s.start || offset > s.end || (offset == s.end && i < len(q.spans)-1) {
			continue
		}
		switch {
		case s.hole >= 0 && s.pos.IsValid():
			return s.pos
		case s.lit != nil:
			return litPos(s.lit, s.litOff+offset-s.start)
		case s.pos.IsValid():
			return s.pos
		}
		return q.callPos
	}
	return q.callPos
}

// TextOffset maps a byte offset of Parsed (a parse-tree location) to the
// corresponding offset of Text.
func (q Query) TextOffset(parsed int) int {
	delta := 0
	for _, e := range q.edits {
		if parsed < e.parsed {
			break
		}
		if parsed < e.parsed+e.parsedLen {
			return e.text
		}
		delta = e.text + e.textLen - (e.parsed + e.parsedLen)
	}
	return parsed + delta
}

// PosAtParsed is PosAt of a byte offset of Parsed.
func (q Query) PosAtParsed(parsed int) token.Pos { return q.PosAt(q.TextOffset(parsed)) }

// litPos returns the position of byte off of a string literal's value.
func litPos(lit *ast.BasicLit, off int) token.Pos {
	raw := lit.Value
	if len(raw) < 2 {
		return lit.Pos()
	}
	if raw[0] == '`' {
		n := 0
		for i := 1; i < len(raw)-1; i++ {
			if raw[i] == '\r' {
				continue // carriage returns are dropped from raw strings
			}
			if n >= off {
				return lit.ValuePos + token.Pos(i)
			}
			n++
		}
		return lit.ValuePos + token.Pos(len(raw)-1)
	}
	s := raw[1 : len(raw)-1]
	i, n := 1, 0
	for len(s) > 0 {
		if n >= off {
			return lit.ValuePos + token.Pos(i)
		}
		r, multibyte, tail, err := strconv.UnquoteChar(s, raw[0])
		if err != nil {
			break
		}
		used := len(s) - len(tail)
		switch {
		case !multibyte || r < utf8.RuneSelf:
			n++
		case r == utf8.RuneError && used == 1:
			n++ // an invalid byte stays one byte
		default:
			n += utf8.RuneLen(r)
		}
		i += used
		s = tail
	}
	return lit.ValuePos + token.Pos(len(raw)-1)
}

// sqlcName reads sqlc's "-- name: GetUser :one" header.
func sqlcName(text string) (name, cmd string) {
	t := strings.TrimLeft(text, " \t\r\n")
	if !strings.HasPrefix(t, "--") {
		return "", ""
	}
	line, _, _ := strings.Cut(t[2:], "\n")
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "name:")
	if !ok {
		return "", ""
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return "", ""
	}
	name = fields[0]
	if len(fields) > 1 && strings.HasPrefix(fields[1], ":") {
		cmd = fields[1]
	}
	return name, cmd
}

// ParsesWithQuestionMarks reports whether text parses once its ?
// placeholders are read as $1, $2, ...: a statement written for a
// database that takes ? (MySQL, SQLite), or with sqlx's bindvars.
func ParsesWithQuestionMarks(text string) bool {
	if !strings.Contains(text, "?") {
		return false
	}
	rewritten, _, _ := rewritePlaceholders(text, Question)
	_, err := pgsql.Parse(rewritten)
	return err == nil
}

// rewritePlaceholders rewrites ?, :name or @name placeholders to $N for the
// parser, skipping string literals, quoted identifiers, comments and
// dollar-quoted bodies. Named placeholders that repeat share their number.
func rewritePlaceholders(text string, style Placeholder) (string, []string, []edit) {
	if style != Question && style != NamedColon && style != NamedAt {
		return text, nil, nil
	}
	var (
		b      strings.Builder
		params []string
		edits  []edit
		last   int
		n      int
	)
	emit := func(start, end int, name string) {
		b.WriteString(text[last:start])
		num := 0
		if name != "" {
			num = slices.Index(params, name) + 1
		}
		if num == 0 {
			n++
			num = n
			if style != Question {
				params = append(params, name)
			}
		}
		repl := "$" + strconv.Itoa(num)
		edits = append(edits, edit{parsed: b.Len(), parsedLen: len(repl), text: start, textLen: end - start})
		b.WriteString(repl)
		last = end
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\'':
			i = skipQuoted(text, i, '\'', i > 0 && (text[i-1] == 'E' || text[i-1] == 'e') && (i < 2 || !isIdentByte(text[i-2])))
		case c == '"':
			i = skipQuoted(text, i, '"', false)
		case c == '-' && strings.HasPrefix(text[i:], "--"):
			if nl := strings.IndexByte(text[i:], '\n'); nl >= 0 {
				i += nl + 1
			} else {
				i = len(text)
			}
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			i = skipBlockComment(text, i)
		case c == '$' && !(i > 0 && isIdentByte(text[i-1])):
			i = skipDollarQuote(text, i)
		case style == Question && c == '?':
			next := byte(0)
			if i+1 < len(text) {
				next = text[i+1]
			}
			// ?| ?& ?? are jsonb operators, not placeholders.
			if next == '|' || next == '&' || next == '?' || (i > 0 && text[i-1] == '?') {
				i++
				continue
			}
			emit(i, i+1, "")
			i++
		case style == NamedColon && c == ':':
			if i+1 < len(text) && text[i+1] == ':' {
				i += 2 // a :: cast
				continue
			}
			if i > 0 && text[i-1] == ':' || i+1 >= len(text) || !isNameStart(text[i+1]) {
				i++
				continue
			}
			j := i + 1
			for j < len(text) && (isIdentByte(text[j]) || text[j] == '.') {
				j++
			}
			emit(i, j, text[i+1:j])
			i = j
		case style == NamedAt && c == '@':
			if i+1 >= len(text) || !isNameStart(text[i+1]) {
				i++
				continue
			}
			j := i + 1
			for j < len(text) && isIdentByte(text[j]) {
				j++
			}
			emit(i, j, text[i+1:j])
			i = j
		default:
			i++
		}
	}
	if edits == nil {
		return text, nil, nil
	}
	b.WriteString(text[last:])
	return b.String(), params, edits
}

func isNameStart(c byte) bool {
	return c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

func isIdentByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9'
}

// skipQuoted returns the offset past the quoted token starting at i.
// Doubled quotes escape; backslashes escape in E” strings.
func skipQuoted(text string, i int, q byte, backslash bool) int {
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			if backslash {
				j++
			}
		case q:
			if j+1 < len(text) && text[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(text)
}

// skipBlockComment skips a /* */ comment, which nests in PostgreSQL.
func skipBlockComment(text string, i int) int {
	depth := 0
	for j := i; j < len(text); {
		switch {
		case strings.HasPrefix(text[j:], "/*"):
			depth++
			j += 2
		case strings.HasPrefix(text[j:], "*/"):
			depth--
			j += 2
			if depth == 0 {
				return j
			}
		default:
			j++
		}
	}
	return len(text)
}

// skipDollarQuote skips $tag$ ... $tag$ starting at i; a $ that does not
// open one ($1, a lone $) is skipped alone.
func skipDollarQuote(text string, i int) int {
	j := i + 1
	if j < len(text) && text[j] >= '0' && text[j] <= '9' {
		return j
	}
	for j < len(text) && isIdentByte(text[j]) {
		j++
	}
	if j >= len(text) || text[j] != '$' {
		return i + 1
	}
	tag := text[i : j+1]
	if end := strings.Index(text[j+1:], tag); end >= 0 {
		return j + 1 + end + len(tag)
	}
	return len(text)
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// BaseOperand returns the expression at the base of x.f, x[i], x[i:j], *x
// and (x): the operand whose variable such an expression reads or writes.
func BaseOperand(e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return e
		}
	}
}
