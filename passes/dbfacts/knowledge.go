package dbfacts

import (
	"strings"

	"github.com/dblint/dblint/passes/sqlcall"
)

// This file is what the pass knows beyond sqlcall's API table, as data.

// runsSQL are the sqlcall kinds whose call sends a statement to the server
// there and then. Not listed: prepare (no execution), batch-queue (queued
// on a pgx.Batch: that is the fix for a loop, not the problem), fragment
// (a piece of a GORM chain), send-batch and copy-from (one round trip for
// many rows: the remedies the analyzers suggest).
var runsSQL = map[sqlcall.Kind]bool{
	sqlcall.KindQuery:      true,
	sqlcall.KindQueryRow:   true,
	sqlcall.KindExec:       true,
	sqlcall.KindSelect:     true,
	sqlcall.KindGet:        true,
	sqlcall.KindNamedExec:  true,
	sqlcall.KindNamedQuery: true,
	sqlcall.KindORM:        true,
}

// ormCommands gives the command a GORM finisher runs, keyed by qualified
// callee. Finishers of sqlcall's table not listed here count as "SELECT".
var ormCommands = map[string]string{
	"(*gorm.io/gorm.DB).Find":    "SELECT", // Find(dest any, conds ...any) *DB
	"(*gorm.io/gorm.DB).First":   "SELECT", // First(dest any, conds ...any) *DB
	"(*gorm.io/gorm.DB).Take":    "SELECT", // Take(dest any, conds ...any) *DB
	"(*gorm.io/gorm.DB).Last":    "SELECT", // Last(dest any, conds ...any) *DB
	"(*gorm.io/gorm.DB).Count":   "SELECT", // Count(count *int64) *DB
	"(*gorm.io/gorm.DB).Pluck":   "SELECT", // Pluck(column string, dest any) *DB
	"(*gorm.io/gorm.DB).Scan":    "SELECT", // Scan(dest any) *DB
	"(*gorm.io/gorm.DB).Create":  "INSERT", // Create(value any) *DB
	"(*gorm.io/gorm.DB).Save":    "UPSERT", // Save(value any) *DB: UPDATE, or INSERT when the key is zero
	"(*gorm.io/gorm.DB).Update":  "UPDATE", // Update(column string, value any) *DB
	"(*gorm.io/gorm.DB).Updates": "UPDATE", // Updates(values any) *DB
	"(*gorm.io/gorm.DB).Delete":  "DELETE", // Delete(value any, conds ...any) *DB
}

// extraFinishers are GORM calls that run SQL but are not in sqlcall's
// table (association mode), with the command they run. They would belong
// in sqlcall's table; until then the pass finds them itself.
var extraFinishers = map[string]string{
	"(*gorm.io/gorm.Association).Find":    "SELECT", // Find(out any, conds ...any) error
	"(*gorm.io/gorm.Association).Count":   "SELECT", // Count() int64
	"(*gorm.io/gorm.Association).Append":  "INSERT", // Append(values ...any) error
	"(*gorm.io/gorm.Association).Replace": "UPDATE", // Replace(values ...any) error
	"(*gorm.io/gorm.Association).Delete":  "DELETE", // Delete(values ...any) error
	"(*gorm.io/gorm.Association).Clear":   "DELETE", // Clear() error
}

// keepsFunc are functions that keep a function argument to run later, or
// run it at most once: a closure passed to them does not run per call of
// the function that passes it.
var keepsFunc = map[string]bool{
	"net/http.HandleFunc":             true, // HandleFunc(pattern string, handler func(ResponseWriter, *Request))
	"(*net/http.ServeMux).HandleFunc": true, // HandleFunc(pattern string, handler func(ResponseWriter, *Request))
	"time.AfterFunc":                  true, // AfterFunc(d Duration, f func()) *Timer
	"context.AfterFunc":               true, // AfterFunc(ctx Context, f func()) (stop func() bool)
	"runtime.SetFinalizer":            true, // SetFinalizer(obj any, finalizer any)
	"(*sync.Once).Do":                 true, // Do(f func()): once
	"sync.OnceFunc":                   true, // OnceFunc(f func()) func()
	"sync.OnceValue":                  true, // OnceValue[T any](f func() T) func() T
	"sync.OnceValues":                 true, // OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2)
}

// gormTable is the GORM chain method that names the table, with a
// constant first argument.
const gormTable = "(*gorm.io/gorm.DB).Table"

// apiPaths are the import paths of the libraries sqlcall's table
// describes, derived from it so the two never disagree.
var apiPaths = func() map[string]bool {
	m := make(map[string]bool)
	add := func(callee string) {
		s := strings.TrimPrefix(callee, "(")
		if i := strings.Index(s, ")."); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimPrefix(s, "*")
		if i := strings.LastIndexByte(s, '.'); i > 0 {
			m[s[:i]] = true
		}
	}
	for _, e := range sqlcall.Table {
		add(e.Callee)
	}
	for c := range extraFinishers {
		add(c)
	}
	return m
}()

// IsAPIPackage reports whether path is (inside) a database library the
// API table describes: its own functions are not the user's queries.
func IsAPIPackage(path string) bool {
	for p := path; ; {
		if apiPaths[p] {
			return true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}
