package migrationsafety

import (
	"regexp"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// locate turns a parse-node location into a byte offset in the file. The
// loader parses whole files, so node locations are file offsets; one that
// falls outside the statement (a parser that saw only the statement's
// text) is replaced by the statement's start.
func locate(st *pgsql.Statement, loc int32) int {
	if l := int(loc); l >= st.Pos.Offset && l < st.End {
		return l
	}
	return st.Pos.Offset
}

// clauseEnd returns the end of the ALTER TABLE subcommand that starts at
// off: the next comma outside parentheses, quotes and comments, or the end
// of the statement (or a closing parenthesis it did not open: the end of
// a CREATE TABLE element), with trailing space trimmed.
func clauseEnd(src string, off, end int) int {
	depth := 0
	i := off
scan:
	for i < end {
		c := src[i]
		switch {
		case c == '(' || c == '[':
			depth++
		case (c == ')' || c == ']') && depth == 0:
			break scan // the end of a CREATE TABLE element list
		case c == ')' || c == ']':
			depth--
		case c == ',' && depth == 0:
			break scan
		case c == '\'' || c == '"':
			j := i + 1
			for j < end {
				if src[j] == c {
					if j+1 < end && src[j+1] == c { // doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			i = j
		case c == '$':
			if tag := dollarTag(src[i:end]); tag != "" {
				if k := strings.Index(src[i+len(tag):end], tag); k >= 0 {
					i += len(tag) + k + len(tag)
					continue
				}
			}
		case c == '-' && i+1 < end && src[i+1] == '-':
			if nl := strings.IndexByte(src[i:end], '\n'); nl >= 0 {
				i += nl
			} else {
				i = end
			}
		case c == '/' && i+1 < end && src[i+1] == '*':
			if k := strings.Index(src[i+2:end], "*/"); k >= 0 {
				i += 2 + k + 1
			} else {
				i = end
			}
		}
		i++
	}
	if i > end {
		i = end
	}
	for i > off && strings.ContainsRune(" \t\r\n", rune(src[i-1])) {
		i--
	}
	return i
}

var dollarTagRE = regexp.MustCompile(`^\$[A-Za-z_]*\$`)

func dollarTag(s string) string { return dollarTagRE.FindString(s) }

var (
	createIndexRE  = regexp.MustCompile(`(?is)^create\s+(?:unique\s+)?index`)
	dropIndexRE    = regexp.MustCompile(`(?is)^drop\s+index`)
	refreshViewRE  = regexp.MustCompile(`(?is)^refresh\s+materialized\s+view`)
	reindexKindRE  = regexp.MustCompile(`(?is)^reindex\s+(?:\([^)]*\)\s*)?(?:index|table|schema|database)`)
	notValidSuffix = " NOT VALID"
)

// insertFix is a fix that inserts text at off.
func insertFix(msg string, off int, text string) *Fix {
	if off < 0 {
		return nil
	}
	return &Fix{Message: msg, Edits: []Edit{{Offset: off, EndOffset: off, NewText: text}}}
}

// lineStart returns the offset of the start of off's line, and whether only
// space precedes off on it.
func lineStart(src string, off int) (int, bool) {
	i := strings.LastIndexByte(src[:off], '\n') + 1
	return i, strings.TrimLeft(src[i:off], " \t") == ""
}
