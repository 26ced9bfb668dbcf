package load

import (
	"errors"
	"regexp"
	"strings"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// parseScript parses the part of f that sec covers. Everything outside
// the section is blanked (newlines kept) before parsing, so statement
// offsets, lines and columns are those of the real file and Script.Src is
// the whole file. With psql set, psql meta-commands and COPY data are
// blanked too (psql -f and pg_dump files).
func parseScript(f *srcFile, sec section, psql bool) (*sqlschema.Script, error) {
	text := maskOutside(f.data, sec.ranges)
	if psql {
		text = blankPsql(text)
	}
	s := &sqlschema.Script{File: f.path, Src: f.data, Tx: sec.tx}
	if strings.TrimSpace(text) == "" {
		return s, nil
	}
	res, err := pgsql.ParseUncached(text)
	if err != nil {
		return nil, parseError(f, text, sec, err)
	}
	s.Statements = res.Statements
	return s, nil
}

// maskOutside returns src with every byte outside ranges replaced by a
// space, except line breaks. A byte order mark is blanked as well: the
// parser would take it for part of the first token.
func maskOutside(src string, ranges [][2]int) string {
	full := len(ranges) == 1 && ranges[0][0] == 0 && ranges[0][1] == len(src)
	hasBOM := strings.HasPrefix(src, bom)
	if full && !hasBOM {
		return src
	}
	b := []byte(src)
	if !full {
		next := 0 // index into ranges, which are sorted
		for i := range b {
			for next < len(ranges) && i >= ranges[next][1] {
				next++
			}
			in := next < len(ranges) && i >= ranges[next][0]
			if !in && b[i] != '\n' && b[i] != '\r' {
				b[i] = ' '
			}
		}
	}
	if hasBOM {
		b[0], b[1], b[2] = ' ', ' ', ' '
	}
	return string(b)
}

func parseError(f *srcFile, text string, sec section, err error) error {
	e := &sqlschema.Error{File: f.path, Message: err.Error(), SQLState: pgsql.SyntaxErrorCode}
	var pe *pgsql.Error
	if errors.As(err, &pe) {
		e.Message = pe.Message
		if pe.SQLState != "" {
			e.SQLState = pe.SQLState
		}
		if pe.Pos.Offset >= 0 && pe.Pos.Line > 0 {
			e.Line, e.Column = pe.Pos.Line, pe.Pos.Column
		}
	}
	if e.Line == 0 {
		// No position from the parser: point at the section's first
		// statement text.
		off := 0
		if len(sec.ranges) > 0 {
			off = sec.ranges[0][0]
		}
		for off < len(text) && (text[off] == ' ' || text[off] == '\n' || text[off] == '\r' || text[off] == '\t') {
			off++
		}
		pos := pgsql.NewLineIndex(text).Position(off)
		e.Line, e.Column = pos.Line, pos.Column
	}
	return e
}

var reCopyFromStdin = regexp.MustCompile(`(?is)^COPY\b.*\bFROM\s+STDIN\b`)

// blankPsql blanks what psql handles itself rather than sending to the
// server: meta-command lines (a backslash first on the line: \connect,
// \restrict, \set, ...) and the data lines of COPY ... FROM stdin up to
// the \. line. It tracks quotes, dollar quotes and comments so that a
// backslash inside a function body is left alone.
func blankPsql(src string) string {
	if !strings.Contains(src, `\`) {
		return src
	}
	b := []byte(src)
	blank := func(from, to int) {
		for i := from; i < to && i < len(b); i++ {
			if b[i] != '\n' && b[i] != '\r' {
				b[i] = ' '
			}
		}
	}
	lineEnd := func(i int) int {
		if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
			return i + j
		}
		return len(src)
	}
	stmtStart := -1
	lineStart := true
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			lineStart = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
			continue
		case c == '\\' && lineStart:
			end := lineEnd(i)
			blank(i, end)
			i = end
			continue
		}
		lineStart = false
		switch {
		case strings.HasPrefix(src[i:], "--"):
			i = lineEnd(i)
			continue
		case strings.HasPrefix(src[i:], "/*"):
			i = skipBlockComment(src, i)
			continue
		}
		if stmtStart < 0 {
			stmtStart = i
		}
		switch {
		case c == '\'':
			escapes := i > 0 && (src[i-1] == 'E' || src[i-1] == 'e')
			i = skipQuoted(src, i, '\'', escapes)
		case c == '"':
			i = skipQuoted(src, i, '"', false)
		case c == '$':
			i = skipDollar(src, i)
		case c == ';':
			stmt := src[stmtStart:i]
			stmtStart = -1
			i++
			if reCopyFromStdin.MatchString(stmt) {
				// The data starts on the next line and ends at a line
				// holding only \.
				j := lineEnd(i)
				if j < len(src) {
					j++
				}
				k := j
				for k < len(src) {
					e := lineEnd(k)
					line := strings.TrimRight(src[k:e], "\r")
					if line == `\.` {
						k = e
						break
					}
					if e == len(src) {
						k = e
						break
					}
					k = e + 1
				}
				blank(j, k)
				i = k
			}
		default:
			i++
		}
	}
	return string(b)
}

func skipBlockComment(src string, i int) int {
	depth := 0
	for i < len(src) {
		switch {
		case strings.HasPrefix(src[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(src[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return i
}

// skipQuoted returns the offset just past the quoted text starting at i.
func skipQuoted(src string, i int, q byte, escapes bool) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if escapes {
				j++
			}
		case q:
			if j+1 < len(src) && src[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(src)
}

var reDollarTag = regexp.MustCompile(`^\$([A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*)?\$`)

// skipDollar skips a dollar-quoted string starting at i, or just the $
// of a parameter ($1) or of something else.
func skipDollar(src string, i int) int {
	if i > 0 {
		if p := src[i-1]; p == '_' || p >= '0' && p <= '9' || p >= 'A' && p <= 'Z' || p >= 'a' && p <= 'z' || p >= 0x80 {
			return i + 1 // part of an identifier (a$b)
		}
	}
	tag := reDollarTag.FindString(src[i:])
	if tag == "" {
		return i + 1
	}
	if end := strings.Index(src[i+len(tag):], tag); end >= 0 {
		return i + len(tag) + end + len(tag)
	}
	return len(src)
}
