// Package pgsql is dblint's only door to the PostgreSQL parser.
//
// It parses SQL with pg_query_go (cgo) or go-pgquery (WebAssembly, when cgo
// is off) behind one API, caches parse trees by text, splits a source into
// statements with byte offsets and line:column positions, and keeps the
// comments that precede each statement (dblint:ignore directives and
// migration-tool annotations live there).
//
// Parse trees are shared between callers through the cache: treat every
// node reachable from a Statement as read-only.
package pgsql

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go run ./internal/gennodes

// SyntaxErrorCode is the SQLSTATE PostgreSQL gives a syntax error.
const SyntaxErrorCode = "42601"

// Position is a place in a source text: a byte offset and its 1-based line
// and column (columns count bytes, as go/token does).
type Position struct {
	Offset int
	Line   int
	Column int
}

func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Comment is a SQL comment (-- or /* */) with its position.
type Comment struct {
	Text string // including the comment markers
	Pos  Position
}

// Body returns the comment without its markers and surrounding space.
func (c Comment) Body() string {
	t := c.Text
	switch {
	case strings.HasPrefix(t, "--"):
		t = t[2:]
	case strings.HasPrefix(t, "/*"):
		t = strings.TrimSuffix(t[2:], "*/")
	}
	return strings.TrimSpace(t)
}

// Statement is one top-level statement of a source.
type Statement struct {
	Node *Node  // the statement (RawStmt.Stmt); read-only
	Text string // the statement's own text, without surrounding space, comments and ';'
	Pos  Position
	End  int // byte offset just past Text

	// Comments are the comments between the previous statement (or the
	// start of the source) and this one.
	Comments []Comment
}

// Error is a parse error that reads like PostgreSQL's own, with the
// SQLSTATE kept and the position of the offending token when known.
type Error struct {
	Message  string
	SQLState string
	Pos      Position // Offset < 0 when the parser gave no position
}

func (e *Error) Error() string { return e.Message }

// Result is a parsed source.
type Result struct {
	Statements []Statement
	// Trailing are the comments after the last statement.
	Trailing []Comment
}

var cache struct {
	sync.Mutex
	m map[string]*cached
}

type cached struct {
	once sync.Once
	res  *Result
	err  error
}

// maxCached bounds the parse cache; past it the cache starts over. A
// process parses each distinct query text of a package once, and a module
// rarely has more distinct texts than this.
const maxCached = 50000

// Parse parses src (one or more statements) and returns its statements in
// order. Results are cached by text and shared: do not modify them.
func Parse(src string) (*Result, error) {
	cache.Lock()
	if cache.m == nil || len(cache.m) >= maxCached {
		cache.m = make(map[string]*cached)
	}
	c := cache.m[src]
	if c == nil {
		c = new(cached)
		cache.m[src] = c
	}
	cache.Unlock()
	c.once.Do(func() { c.res, c.err = parseUncached(src) })
	return c.res, c.err
}

// ParseUncached parses src without consulting or filling the cache (for
// benchmarks and one-off inputs such as whole migration files).
func ParseUncached(src string) (*Result, error) { return parseUncached(src) }

func parseUncached(src string) (res *Result, err error) {
	defer func() {
		// The WebAssembly backend reports some internal failures by
		// panicking; bad input must never crash a run.
		if r := recover(); r != nil {
			res, err = nil, &Error{Message: fmt.Sprintf("parser failure: %v", r), SQLState: "XX000", Pos: Position{Offset: -1}}
		}
	}()
	if strings.IndexByte(src, 0) >= 0 {
		off := strings.IndexByte(src, 0)
		return nil, &Error{Message: "invalid byte sequence: 0x00", SQLState: "22021", Pos: NewLineIndex(src).Position(off)}
	}
	tree, perr := rawParse(src)
	if perr != nil {
		return nil, toError(src, perr)
	}
	idx := NewLineIndex(src)
	toks := scanTokens(src)
	comments := commentsOf(src, toks, idx)
	res = &Result{}
	ci := 0
	for _, raw := range tree.GetStmts() {
		start := int(raw.GetStmtLocation())
		end := len(src)
		if l := int(raw.GetStmtLen()); l > 0 {
			end = start + l
		}
		if start < 0 || start > len(src) || end > len(src) || end < start {
			start, end = clamp(start, len(src)), clamp(end, len(src))
		}
		// StmtLocation may include leading space and comments; the
		// statement's own text starts at its first token.
		first := skipSpaceAndComments(src, start, end)
		last := lastTokenEnd(toks, first, end)
		if last <= first {
			last = end
		}
		text := strings.TrimRight(src[first:last], " \t\r\n;")
		st := Statement{Node: raw.GetStmt(), Text: text, Pos: idx.Position(first), End: first + len(text)}
		for ci < len(comments) && comments[ci].Pos.Offset < first {
			st.Comments = append(st.Comments, comments[ci])
			ci++
		}
		// Comments inside the statement belong to nobody.
		for ci < len(comments) && comments[ci].Pos.Offset < st.End {
			ci++
		}
		res.Statements = append(res.Statements, st)
	}
	res.Trailing = comments[ci:]
	return res, nil
}

func clamp(v, hi int) int {
	if v < 0 {
		return 0
	}
	if v > hi {
		return hi
	}
	return v
}

// skipSpaceAndComments returns the offset of the first byte in src[i:end]
// that is neither space nor part of a comment.
func skipSpaceAndComments(src string, i, end int) int {
	for i < end {
		switch {
		case src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == '\f' || src[i] == ';':
			i++
		case strings.HasPrefix(src[i:end], "--"):
			nl := strings.IndexByte(src[i:end], '\n')
			if nl < 0 {
				return end
			}
			i += nl + 1
		case strings.HasPrefix(src[i:end], "/*"):
			// Block comments nest in PostgreSQL.
			depth, j := 0, i
			for j < end {
				if strings.HasPrefix(src[j:end], "/*") {
					depth++
					j += 2
				} else if strings.HasPrefix(src[j:end], "*/") {
					depth--
					j += 2
					if depth == 0 {
						break
					}
				} else {
					j++
				}
			}
			i = j
		default:
			return i
		}
	}
	return i
}

func toError(src string, err error) *Error {
	msg, cursor, ok := parserError(err)
	if !ok {
		return &Error{Message: err.Error(), SQLState: SyntaxErrorCode, Pos: Position{Offset: -1}}
	}
	e := &Error{Message: msg, SQLState: SyntaxErrorCode, Pos: Position{Offset: -1}}
	if cursor > 0 {
		e.Pos = NewLineIndex(src).Position(charToByte(src, cursor-1))
	}
	return e
}

// charToByte converts a 0-based character index (PostgreSQL's cursor
// counts characters) into a byte offset.
func charToByte(src string, chars int) int {
	off := 0
	for n := 0; n < chars && off < len(src); n++ {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	return off
}

func scanTokens(src string) []*ScanToken {
	res, err := rawScan(src)
	if err != nil {
		return nil
	}
	return res.GetTokens()
}

func isComment(tok *ScanToken) bool {
	return tok.GetToken() == Token_SQL_COMMENT || tok.GetToken() == Token_C_COMMENT
}

// lastTokenEnd returns the end of the last token in [from, to) that is
// neither a comment nor ';', or -1.
func lastTokenEnd(toks []*ScanToken, from, to int) int {
	last := -1
	for _, tok := range toks {
		s, e := int(tok.GetStart()), int(tok.GetEnd())
		if s < from || e > to || isComment(tok) || tok.GetToken() == Token_ASCII_59 {
			continue
		}
		if e > last {
			last = e
		}
	}
	return last
}

func commentsOf(src string, toks []*ScanToken, idx *LineIndex) []Comment {
	var out []Comment
	for _, tok := range toks {
		if !isComment(tok) {
			continue
		}
		s, e := int(tok.GetStart()), int(tok.GetEnd())
		if s < 0 || e > len(src) || s > e {
			continue
		}
		out = append(out, Comment{Text: src[s:e], Pos: idx.Position(s)})
	}
	return out
}

// Comments returns every comment in src, in order. It lexes without
// parsing, so it works on text that does not parse.
func Comments(src string) []Comment { return commentsOf(src, scanTokens(src), NewLineIndex(src)) }

// ParseOne parses src, which must hold exactly one statement.
func ParseOne(src string) (*Statement, error) {
	res, err := Parse(src)
	if err != nil {
		return nil, err
	}
	if n := len(res.Statements); n != 1 {
		return nil, &Error{Message: fmt.Sprintf("expected one statement, found %d", n), SQLState: SyntaxErrorCode, Pos: Position{Offset: -1}}
	}
	return &res.Statements[0], nil
}

// Deparse renders a statement node back to SQL text.
func Deparse(stmt *Node) (string, error) {
	treeVersion.Do(func() {
		if t, err := rawParse("SELECT 1"); err == nil {
			treeVersion.v = t.GetVersion()
		}
	})
	return rawDeparse(&ParseResult{Version: treeVersion.v, Stmts: []*RawStmt{{Stmt: stmt}}})
}

// treeVersion is the parse-tree version the deparser expects.
var treeVersion struct {
	sync.Once
	v int32
}

// DeparseExpr renders an expression node (a default, an index expression,
// a partial-index predicate) as PostgreSQL would print it in a SELECT list.
// It returns "" when the node cannot be rendered.
func DeparseExpr(expr *Node) string {
	if expr == nil {
		return ""
	}
	sel := &Node{Node: &Node_SelectStmt{SelectStmt: &SelectStmt{
		TargetList: []*Node{{Node: &Node_ResTarget{ResTarget: &ResTarget{Val: expr}}}},
	}}}
	s, err := Deparse(sel)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(s, "SELECT ")
}

// Fingerprint returns pg_query's fingerprint of a query: equal for queries
// that differ only in constants and formatting.
func Fingerprint(src string) (string, error) { return rawFingerprint(src) }

// LineIndex maps byte offsets of a text to line:column positions.
type LineIndex struct {
	lines []int // offset of the start of each line
}

// NewLineIndex indexes src.
func NewLineIndex(src string) *LineIndex {
	li := &LineIndex{lines: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			li.lines = append(li.lines, i+1)
		}
	}
	return li
}

// Position returns the position of byte offset off.
func (li *LineIndex) Position(off int) Position {
	lo, hi := 0, len(li.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return Position{Offset: off, Line: lo + 1, Column: off - li.lines[lo] + 1}
}

// LineStarts returns the byte offset of the start of every line (for
// adding a file to a token.FileSet).
func (li *LineIndex) LineStarts() []int { return li.lines }
