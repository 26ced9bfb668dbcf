// Package stdsql: database/sql, findings and the shapes that must stay
// silent side by side.
package stdsql

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lib/pq"
)

const usersTable = "users"

type Store struct {
	db    *sql.DB
	table string
}

type Filter struct {
	Sort  string
	Name  string
	Limit int
	Since time.Time
}

// --- parameters through fmt.Sprintf and concatenation

func SortedBy(db *sql.DB, sortBy string) {
	q := fmt.Sprintf("SELECT id FROM users ORDER BY %s", sortBy)
	db.Query(q) // want `^SQL text includes parameter "sortBy" \(fmt.Sprintf at line 37\); choose it from a fixed set, or quote it as an identifier \(pq.QuoteIdentifier, or pgx.Identifier\{name\}.Sanitize\(\)\)$`
}

func byName(db *sql.DB, name string) {
	db.QueryRow("SELECT id FROM users WHERE name = '" + name + "'") // want `^SQL text includes parameter "name" \(concatenation at line 42\); pass it as a query argument \(\$1\)$`
}

func quoted(db *sql.DB, name string, id int) {
	db.Exec(fmt.Sprintf("UPDATE users SET name = %q WHERE id = $1", name), id) // want `parameter "name" \(fmt.Sprintf at line 46\); pass it as a query argument \(\$2\)$`
}

func where(db *sql.DB, cond string) {
	db.Exec("DELETE FROM users WHERE " + cond) // want `parameter "cond" \(concatenation at line 50\); pass it as a query argument, or choose it from a fixed set$`
}

func verbV(db *sql.DB, table string) {
	db.Query(fmt.Sprintf("SELECT count(*) FROM %v", table)) // want `parameter "table" \(fmt.Sprintf at line 54\); choose it from a fixed set`
}

// --- fields

func (s *Store) List(f Filter) {
	s.db.Query("SELECT id FROM users ORDER BY " + f.Sort) // want `field "f.Sort" \(concatenation at line 60\)`
}

func (s *Store) OwnTable() {
	s.db.Query("SELECT id FROM " + s.table) // the receiver's own configuration
}

func (s *Store) Filtered(f Filter) {
	q := "SELECT id FROM users WHERE true"
	if f.Name != "" { // a presence check is no validation
		q += " AND name = '" + f.Name + "'"
	}
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	s.db.Query(q) // want `field "f.Name" \(concatenation at line 70\); pass it as a query argument \(\$1\)`
}

// --- builders

func Search(db *sql.DB, name string) {
	var b strings.Builder
	b.WriteString("SELECT id FROM users WHERE name = '")
	b.WriteString(name)
	b.WriteString("'")
	db.Query(b.String()) // want `parameter "name" \(strings.Builder at line 83\)`
}

func Buffer(db *sql.DB, col string, limit int) {
	var buf bytes.Buffer
	buf.WriteString("SELECT id FROM users")
	fmt.Fprintf(&buf, " ORDER BY %s", col)
	fmt.Fprintf(&buf, " LIMIT %d", limit)
	db.Query(buf.String()) // want `parameter "col" \(fmt.Fprintf at line 91\); choose it from a fixed set`
}

func Columns(db *sql.DB, cols []string) {
	db.Query("SELECT " + strings.Join(cols, ", ") + " FROM users") // want `parameter "cols" \(strings.Join at line 97\); choose it from a fixed set`
}

func Appended(db *sql.DB, names []string) {
	var conds []string
	for _, n := range names {
		conds = append(conds, "name = '"+n+"'")
	}
	db.Query("SELECT id FROM users WHERE " + strings.Join(conds, " OR ")) // want `parameter "names" \(concatenation at line 103\); pass it as a query argument \(\$1\)`
}

func PlusAssign(db *sql.DB, sortBy string) {
	q := "SELECT id FROM users ORDER BY "
	q += sortBy
	db.Query(q) // want `parameter "sortBy" \(\+= at line 110\)`
}

// --- helpers of the package

func orderClause(col string) string { return " ORDER BY " + col }

func WithHelper(db *sql.DB, sortBy string) {
	db.Query("SELECT id FROM users" + orderClause(sortBy)) // want `parameter "sortBy" \(concatenation at line 116\); choose it from a fixed set`
}

func (s *Store) query(q string, args ...any) (*sql.Rows, error) {
	return s.db.Query(q, args...) // a wrapper: its callers are checked
}

func (s *Store) ByEmail(email string) {
	s.query("SELECT id FROM users WHERE email = '" + email + "'") // want `parameter "email" \(concatenation at line 127\); pass it as a query argument \(\$1\)`
}

func (s *Store) ByID(id int) {
	s.query("SELECT id FROM users WHERE id = " + strconv.Itoa(id))
}

// --- the process

func FromEnv(db *sql.DB) {
	db.Query("SELECT id FROM " + os.Getenv("USERS_TABLE")) // want `SQL text includes environment variable "USERS_TABLE" \(concatenation at line 137\); choose it from a fixed set`
}

func FromArgs(db *sql.DB) {
	db.Exec("DROP TABLE " + os.Args[1]) // want `SQL text includes command-line argument os.Args \(concatenation at line 141\)`
}

// --- silent: chosen from a fixed set

func SortedSwitch(db *sql.DB, sortBy string) {
	col := "created_at"
	switch sortBy {
	case "name":
		col = "name"
	case "email":
		col = "email"
	}
	db.Query(fmt.Sprintf("SELECT id FROM users ORDER BY %s", col))
}

func SortedSwitchLate(db *sql.DB, sortBy string, desc bool) {
	var col string
	switch sortBy {
	case "name":
		col = "name"
	default:
		col = "id"
	}
	q := "SELECT id FROM users ORDER BY " + col
	if desc {
		q += " DESC"
	}
	db.Query(q)
}

var sortColumns = map[string]string{"name": "name", "newest": "created_at DESC"}

func SortedMap(db *sql.DB, sortBy string) error {
	col, ok := sortColumns[sortBy]
	if !ok {
		return errors.New("unknown sort")
	}
	_, err := db.Query("SELECT id FROM users ORDER BY " + col)
	return err
}

func SortedLocalMap(db *sql.DB, sortBy string) {
	allowed := map[string]string{"asc": "ASC", "desc": "DESC"}
	db.Query("SELECT id FROM users ORDER BY id " + allowed[sortBy])
}

var allowedSort = map[string]bool{"name": true, "email": true}

func SortedGuard(db *sql.DB, sortBy string) error {
	if !allowedSort[sortBy] {
		return errors.New("unknown sort")
	}
	_, err := db.Query("SELECT id FROM users ORDER BY " + sortBy)
	return err
}

func SortedGuardOK(db *sql.DB, f Filter) error {
	if _, ok := sortColumns[f.Sort]; !ok {
		return errors.New("unknown sort")
	}
	_, err := db.Query("SELECT id FROM users ORDER BY " + f.Sort)
	return err
}

func SortedCase(db *sql.DB, sortBy string) {
	switch sortBy {
	case "name", "email":
		db.Query("SELECT id FROM users ORDER BY " + sortBy)
	}
}

var ident = regexp.MustCompile(`^[a-z_]+$`)

func SortedRegexp(db *sql.DB, sortBy string) error {
	if !ident.MatchString(sortBy) {
		return errors.New("bad column")
	}
	_, err := db.Query("SELECT id FROM users ORDER BY " + sortBy)
	return err
}

func column(s string) string {
	switch s {
	case "name", "email":
		return s
	}
	return "id"
}

func SortedHelper(db *sql.DB, sortBy string) {
	db.Query("SELECT id FROM users ORDER BY " + column(sortBy))
}

// --- silent: numbers, sanitizers, constants

func Paged(db *sql.DB, limit int, offset int64, f Filter) {
	db.Query(fmt.Sprintf("SELECT id FROM users LIMIT %d OFFSET %d", limit, offset))
	db.Query("SELECT id FROM users LIMIT " + strconv.Itoa(f.Limit) + " OFFSET " + strconv.FormatInt(offset, 10))
	n, _ := strconv.ParseInt("10", 10, 64)
	db.Query(fmt.Sprintf("SELECT id FROM users LIMIT %v", n))
	db.Query(fmt.Sprintf("SELECT id FROM users WHERE score > %f AND active = %t", 0.5, true))
}

func Quoted(db *sql.DB, table, col, name string) {
	db.Query("SELECT id FROM " + pgx.Identifier{"public", table}.Sanitize())
	db.Query("SELECT id FROM users ORDER BY " + pq.QuoteIdentifier(col))
	db.Query("SELECT id FROM users WHERE name = " + pq.QuoteLiteral(name))
	db.Query("SELECT id FROM users WHERE name = '" + strings.ReplaceAll(name, "'", "''") + "'")
}

func Requoted(db *sql.DB, col string) {
	col = pq.QuoteIdentifier(col)
	db.Query("SELECT id FROM users ORDER BY " + col)
}

func ConditionallyQuoted(db *sql.DB, col string, quote bool) {
	if quote {
		col = pq.QuoteIdentifier(col)
	}
	db.Query("SELECT id FROM users ORDER BY " + col) // want `parameter "col"`
}

func Constants(db *sql.DB) {
	db.Query("SELECT id FROM " + usersTable)
	db.Query(fmt.Sprintf("SELECT id FROM %s", usersTable))
}

func Placeholders(db *sql.DB, ids []int64) {
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i] = "$" + strconv.Itoa(i+1)
		args[i] = id
	}
	db.Query("SELECT id FROM users WHERE id IN ("+strings.Join(ph, ", ")+")", args...)
	db.Query("SELECT id FROM users WHERE id IN (?"+strings.Repeat(",?", len(ids)-1)+")", args...)
	var b strings.Builder
	b.WriteString("SELECT id FROM users WHERE id IN (")
	for i := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", i+1)
	}
	b.WriteString(")")
	db.Query(b.String(), args...)
}

func Times(db *sql.DB, since time.Time, d time.Duration, f Filter) {
	db.Query(fmt.Sprintf("SELECT id FROM users WHERE created_at > '%s'", since.Format(time.RFC3339)))
	db.Query(fmt.Sprintf("SELECT id FROM users WHERE created_at > now() - interval '%d seconds'", int(d.Seconds())))
	db.Query(fmt.Sprintf("SELECT id FROM users WHERE created_at > now() - interval '%s'", d))
	db.Query(fmt.Sprintf("SELECT id FROM users WHERE created_at > '%s'", f.Since))
}

// --- silent: where the text comes from is not known

func (s *Store) Exec(q string) { s.db.Exec(q) } // a wrapper nobody calls with input

func FromDB(db *sql.DB) {
	var table string
	db.QueryRow("SELECT name FROM tables LIMIT 1").Scan(&table)
	db.Query("SELECT id FROM " + table)
}

func FromOtherPackage(db *sql.DB) {
	db.Query("SELECT id FROM " + strings.ToLower(time.Now().Month().String()))
}

func Args(db *sql.DB, name string) {
	db.Query("SELECT id FROM users WHERE name = $1", name) // input as an argument is the remedy
}

// --- checks that do not make a value safe

func CacheThenQuery(db *sql.DB, cache map[string]int, name string) {
	if _, ok := cache[name]; ok { // a cache is not a fixed set
		return
	}
	db.Query("SELECT id FROM users WHERE name = '" + name + "'") // want `parameter "name"`
}

func PrefixStripped(db *sql.DB, sortBy string) {
	if strings.HasPrefix(sortBy, "-") {
		sortBy = sortBy[1:] + " DESC"
	}
	db.Query("SELECT id FROM users ORDER BY " + sortBy) // want `parameter "sortBy"`
}

func NotEqualLeaves(db *sql.DB, name, other string) {
	if name == other { // after this, name is anything but other
		return
	}
	db.Query("SELECT id FROM users WHERE name = '" + name + "'") // want `parameter "name"`
}

func Columns2(db *sql.DB, filters []Filter) {
	q := "SELECT id FROM users WHERE true"
	for _, f := range filters {
		q += " AND " + f.Name + " IS NOT NULL"
	}
	db.Query(q) // want `field "f.Name"`
}

// --- silent: checks that do

func SortedEq(db *sql.DB, dir string) {
	if dir == "desc" || dir == "asc" {
		db.Query("SELECT id FROM users ORDER BY id " + dir)
	}
}

func validateColumn(col string) error {
	if !allowedSort[col] {
		return errors.New("unknown column")
	}
	return nil
}

func SortedValidated(db *sql.DB, col string) error {
	if err := validateColumn(col); err != nil {
		return err
	}
	_, err := db.Query("SELECT id FROM users ORDER BY " + col)
	return err
}

func SortedOK(db *sql.DB, col string) {
	_, ok := sortColumns[col]
	if !ok {
		col = "id"
	}
	db.Query("SELECT id FROM users ORDER BY " + col)
}

// --- silent: dynamic filters with placeholders, literals, constant loops

func DynamicFilter(db *sql.DB, f Filter) {
	var conds []string
	var args []any
	if f.Name != "" {
		args = append(args, f.Name)
		conds = append(conds, fmt.Sprintf("name = $%d", len(args)))
	}
	if !f.Since.IsZero() {
		args = append(args, f.Since)
		conds = append(conds, "created_at > $"+strconv.Itoa(len(args)))
	}
	q := "SELECT id FROM users"
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	db.Query(q, args...)
}

type options struct{ table, order string }

func LocalStruct(db *sql.DB) {
	o := options{table: "users", order: "id"}
	db.Query("SELECT id FROM " + o.table + " ORDER BY " + o.order)
}

var tables = []string{"users", "orders"}

func Truncate(db *sql.DB) {
	for _, t := range tables {
		db.Exec("TRUNCATE " + t)
	}
	for _, t := range []string{"a", "b"} {
		db.Exec(fmt.Sprintf("VACUUM %s", t))
	}
}
