// Package flow: data flow the tracer follows, and where it stops.
package flow

import (
	"database/sql"
	"fmt"
	"strings"
)

// where builds a condition with a named result and a bare return.
func where(col, val string) (clause string) {
	clause = col + " = '" + val + "'"
	return
}

func Named(db *sql.DB, name string) {
	db.Query("SELECT id FROM users WHERE " + where("name", name)) // want `parameter "name" \(concatenation at line 12\); pass it as a query argument \(\$1\)`
	db.Query("SELECT id FROM users WHERE " + where("name", "bob"))
}

// quote is recursive: the tracer must stop.
func quote(s string, n int) string {
	if n == 0 {
		return s
	}
	return quote("("+s+")", n-1)
}

func Recursive(db *sql.DB, expr string) {
	db.Query("SELECT " + quote(expr, 2)) // want `parameter "expr"`
	db.Query("SELECT " + quote("1", 2))
}

func Closure(db *sql.DB, tables []string) {
	run := func(t string) {
		db.Exec("TRUNCATE " + t) // want `parameter "t" \(concatenation at line 36\); choose it from a fixed set`
	}
	for _, t := range tables {
		run(t)
	}
}

func Loop(db *sql.DB, cols []string) {
	q := "SELECT 1"
	for i, c := range cols {
		if i > 0 {
			q += ","
		}
		q += fmt.Sprintf(" %s", c)
	}
	db.Query(q) // want `parameter "cols" \(fmt.Sprintf at line 49\)`
}

func Replaced(db *sql.DB, col string) {
	q := "SELECT id FROM users ORDER BY " + col
	q = "SELECT id FROM users ORDER BY id" // replaces the text above on every path
	db.Query(q)
}

func Long(db *sql.DB, a, b, c, d string) {
	q := "SELECT id FROM t WHERE true"
	q += " AND a = 1"
	q += " AND b = 2"
	q += " AND c = 3"
	q += " AND d = '" + d + "'"
	q += " AND e = 5"
	q += " AND f = 6"
	db.Query(q) // want `parameter "d" \(concatenation at line 65\); pass it as a query argument \(\$1\)`
}

type Col string

// Quoted is a method of a string type: its receiver is not input.
func (c Col) Quoted() string { return `"` + strings.ReplaceAll(string(c), `"`, `""`) + `"` }

func (c Col) Order(db *sql.DB) {
	db.Query("SELECT id FROM users ORDER BY " + string(c))
}

func Generic[T ~string](db *sql.DB, v T) {
	db.Query("SELECT id FROM users WHERE kind = '" + string(v) + "'") // want `parameter "v"`
}

func pick[T any](ok bool, a, b T) T {
	if ok {
		return a
	}
	return b
}

func UsesGeneric(db *sql.DB, user string, desc bool) {
	db.Query("SELECT id FROM users ORDER BY id " + pick(desc, "DESC", "ASC"))
	db.Query("SELECT id FROM users ORDER BY " + pick(desc, user, "id")) // want `parameter "user"`
}
