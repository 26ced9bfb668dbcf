package sqlcall

import (
	"path/filepath"
	"strings"
)

// Code that supports several databases keeps each one's SQL apart: a
// package or file per engine (goose's lock/internal/store/mysql.go,
// atlas's sql/sqlite), and texts in that engine's dialect (backquoted
// names, PRAGMA). Checking them as PostgreSQL gives only noise, so a call
// is taken to talk to another engine when its package path or file name
// names one, or when one of its texts is written in a dialect PostgreSQL
// does not accept. database/sql, sqlx and GORM calls only: pgx speaks
// PostgreSQL alone.

// otherEngines are the names that mark another database engine, as path
// elements or file-name words. CockroachDB and YugabyteDB speak
// PostgreSQL's dialect and are not among them.
var otherEngines = map[string]string{
	"mysql": "mysql", "mariadb": "mysql", "tidb": "mysql",
	"sqlite": "sqlite", "sqlite3": "sqlite",
	"mssql": "sqlserver", "sqlserver": "sqlserver",
	"clickhouse": "clickhouse", "oracle": "oracle", "spanner": "spanner",
	"snowflake": "snowflake", "bigquery": "bigquery", "duckdb": "duckdb",
}

func (a *pkgState) otherDatabase(c *Call) string {
	file := ""
	if tf := a.fset.File(c.Expr.Pos()); tf != nil {
		file = tf.Name()
	}
	if e := OtherEngine(a.pkg.Path(), file); e != "" {
		return e
	}
	for _, q := range c.Queries {
		if e := foreignDialect(q.Text); e != "" {
			return e
		}
	}
	return ""
}

// OtherEngine names the database engine other than PostgreSQL that a
// package path or a file name names (".../store/mysql", "sqlite.go",
// "dialect_mssql.go"), or "".
func OtherEngine(pkgPath, file string) string {
	for _, el := range strings.Split(pkgPath, "/") {
		if e := otherEngines[el]; e != "" {
			return e
		}
	}
	if file != "" {
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(file), ".go"), "_test")
		for _, w := range strings.FieldsFunc(base, func(r rune) bool { return r == '_' || r == '-' || r == '.' }) {
			if e := otherEngines[w]; e != "" {
				return e
			}
		}
	}
	return ""
}

// foreignDialect names the engine whose dialect a text is written in,
// when it has what PostgreSQL never accepts: names in backquotes (MySQL,
// SQLite) or a PRAGMA (SQLite).
func foreignDialect(text string) string {
	t := StripLeadingComments(text)
	if len(t) >= 6 && strings.EqualFold(t[:6], "pragma") {
		return "sqlite"
	}
	inSingle, inDouble := false, false
	for i := 0; i < len(text); i++ {
		switch ch := text[i]; {
		case inSingle:
			inSingle = ch != '\''
		case inDouble:
			inDouble = ch != '"'
		case ch == '\'':
			inSingle = true
		case ch == '"':
			inDouble = true
		case ch == '$':
			// A dollar-quoted body may hold anything.
			if j := strings.IndexByte(text[i+1:], '$'); j >= 0 && isTag(text[i+1:i+1+j]) {
				tag := text[i : i+2+j]
				if k := strings.Index(text[i+len(tag):], tag); k >= 0 {
					i += len(tag) + k + len(tag) - 1
				}
			}
		case ch == '`':
			return "mysql"
		}
	}
	return ""
}

func isTag(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s == "" || !(s[0] >= '0' && s[0] <= '9')
}

// StripLeadingComments drops the comments before a statement's first word
// (sqlc's "-- name: GetAuthor :one").
func StripLeadingComments(s string) string {
	for {
		s = strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(s, "--"):
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				return ""
			}
			s = s[i+1:]
		case strings.HasPrefix(s, "/*"):
			i := strings.Index(s, "*/")
			if i < 0 {
				return s
			}
			s = s[i+2:]
		default:
			return s
		}
	}
}
