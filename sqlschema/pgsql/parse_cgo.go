//go:build cgo

package pgsql

import (
	"errors"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/pganalyze/pg_query_go/v6/parser"
)

// Backend names the parser implementation compiled in.
const Backend = "pg_query_go (cgo)"

func rawParse(sql string) (*ParseResult, error) { return pg_query.Parse(sql) }

func rawScan(sql string) (*ScanResult, error) { return pg_query.Scan(sql) }

func rawDeparse(tree *ParseResult) (string, error) { return pg_query.Deparse(tree) }

func rawFingerprint(sql string) (string, error) { return pg_query.Fingerprint(sql) }

func rawParsePlpgsql(sql string) (string, error) { return pg_query.ParsePlPgSqlToJSON(sql) }

// parserError extracts the message and 1-based character cursor of a parser error.
func parserError(err error) (msg string, cursor int, ok bool) {
	var pe *parser.Error
	if errors.As(err, &pe) {
		return pe.Message, pe.Cursorpos, true
	}
	return "", 0, false
}
