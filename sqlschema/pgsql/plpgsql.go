package pgsql

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// BlockStatements returns the SQL statements a PL/pgSQL block runs as
// written, such as the body of a DO statement: the static statements in
// source order, those in IF, CASE, loop and exception branches included
// (which of them runs is decided at run time). dynamic reports that the
// block also runs SQL built at run time (EXECUTE), which no one can read
// from the text.
//
// Migrations wrap DDL in DO blocks to make it conditional (DO $$ BEGIN
// CREATE TYPE ... EXCEPTION WHEN duplicate_object THEN null; END $$): the
// schema fold applies what this returns.
func BlockStatements(body string) (stmts []string, dynamic bool, err error) {
	tag := "$dblint$"
	for i := 0; strings.Contains(body, tag); i++ {
		tag = fmt.Sprintf("$dblint%d$", i)
	}
	src := "CREATE FUNCTION dblint_block() RETURNS void LANGUAGE plpgsql AS " + tag + body + tag
	out, err := rawParsePlpgsql(src)
	if err != nil {
		return nil, false, fmt.Errorf("PL/pgSQL block: %w", err)
	}
	var tree any
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		return nil, false, fmt.Errorf("PL/pgSQL block: %w", err)
	}
	type found struct {
		line  float64
		query string
	}
	var all []found
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for k, e := range v {
				switch k {
				case "PLpgSQL_stmt_execsql":
					st, _ := e.(map[string]any)
					expr, _ := st["sqlstmt"].(map[string]any)
					pe, _ := expr["PLpgSQL_expr"].(map[string]any)
					if q, ok := pe["query"].(string); ok {
						line, _ := st["lineno"].(float64)
						all = append(all, found{line, q})
					}
				case "PLpgSQL_stmt_dynexecute", "PLpgSQL_stmt_dynfors":
					dynamic = true
				}
				walk(e)
			}
		}
	}
	walk(tree)
	// Object keys come back unordered: the line numbers give the order.
	sort.SliceStable(all, func(i, j int) bool { return all[i].line < all[j].line })
	for _, f := range all {
		stmts = append(stmts, f.query)
	}
	return stmts, dynamic, nil
}
