package fold

import (
	"database/sql"
	"fmt"
	"strings"
)

const base = "SELECT id, name FROM users"

const byID = base + " WHERE id = $1"

type Query string

const typed Query = "SELECT 1 AS typed"

var pkgQuery = "SELECT count(*) FROM orders"

var pkgReassigned = "SELECT 1"

func reassignPkg() { pkgReassigned = "SELECT 2" }

var userCols = []string{"id", "name", "email"}

func consts(db *sql.DB) {
	db.Query(byID, 1)                      // want `query "SELECT id, name FROM users WHERE id = \$1" args=1`
	db.Query(base + " ORDER BY " + "name") // want `query "SELECT id, name FROM users ORDER BY name" args=0`
	db.Query(("SELECT 2"))                 // want `query "SELECT 2" args=0`
	db.Query(string(typed))                // want `query "SELECT 1 AS typed" args=0`
	db.Query(pkgQuery)                     // want `query "SELECT count\(\*\) FROM orders" args=0`
	db.Query(pkgReassigned)                // want `query unresolved args=0`
	db.Query(`SELECT "id" FROM users`)     // want `query "SELECT "id" FROM users" args=0`
}

func locals(db *sql.DB, cond bool) {
	q := "SELECT id FROM users"
	db.Query(q) // want `query "SELECT id FROM users" args=0`
	var q2 = q + " WHERE id = $1"
	db.Query(q2, 1) // want `query "SELECT id FROM users WHERE id = \$1" args=1`
	var q3 string
	q3 = "SELECT 3"
	db.Query(q3) // want `query "SELECT 3" args=0`

	// Reassigned in straight-line code: unresolved.
	r := "SELECT 1"
	r = "SELECT 2"
	db.Query(r) // want `query unresolved args=0`
	s := "SELECT 1"
	s += " FROM t"
	db.Query(s) // want `query unresolved args=0`
	g := "SELECT 1"
	g = g + " FROM t"
	db.Query(g) // want `query unresolved args=0`
	p := "SELECT 1"
	ptr := &p
	_ = ptr
	db.Query(p) // want `query unresolved args=0`
	c := "SELECT 1"
	func() { c = "SELECT 2" }()
	db.Query(c) // want `query unresolved args=0`
	var l string
	if cond {
		l = "SELECT 1"
	}
	db.Query(l) // want `query unresolved args=0`
}

func loops(db *sql.DB, items []string) {
	var q string
	for _, it := range items {
		q = "SELECT " + it
	}
	db.Query(q) // want `query unresolved args=0`
	for _, it := range items {
		db.Query(it) // want `query unresolved args=0`
	}
}

func sprintf(db *sql.DB, table string, n int) {
	db.Query(fmt.Sprintf("SELECT * FROM %s WHERE id = $1", table), 1) // want `query "SELECT \* FROM __dblint_dyn_0__ WHERE id = \$1" args=1 scan=none recv=pool holes=sprintf-verb$`
	db.Query(fmt.Sprintf("SELECT * FROM users LIMIT %d", 10))         // want `query "SELECT \* FROM users LIMIT 10" args=0 scan=none recv=pool$`
	const tbl = "orders"
	db.Query(fmt.Sprintf("SELECT * FROM %s WHERE code LIKE 'A%%' LIMIT %d", tbl, n)) // want `query "SELECT \* FROM orders WHERE code LIKE 'A%' LIMIT __dblint_dyn_0__" args=0 scan=none recv=pool holes=sprintf-verb$`
	t := "users"
	db.Query(fmt.Sprintf("SELECT count(*) FROM %s", t)) // want `query "SELECT count\(\*\) FROM users" args=0 scan=none recv=pool$`
	db.Query(fmt.Sprintf("SELECT %[1]s FROM t", "a"))   // want `query unresolved`
}

func join(db *sql.DB, extra string) {
	db.Query("SELECT " + strings.Join([]string{"id", "name"}, ", ") + " FROM users") // want `query "SELECT id, name FROM users" args=0 scan=none recv=pool$`
	db.Query("SELECT " + strings.Join(userCols, ", ") + " FROM users")               // want `query "SELECT id, name, email FROM users" args=0 scan=none recv=pool$`
	db.Query("SELECT " + strings.Join([]string{"id", extra}, ", ") + " FROM users")  // want `query "SELECT id, __dblint_dyn_0__ FROM users" args=0 scan=none recv=pool holes=join$`
	cols := []string{"a", "b"}
	cols = append(cols, extra)
	db.Query("SELECT " + strings.Join(cols, ", ") + " FROM t") // want `query "SELECT __dblint_dyn_0__ FROM t" args=0 scan=none recv=pool holes=concat$`
}

func variants(db *sql.DB, desc bool, kind int) {
	var q string
	if desc {
		q = "SELECT id FROM users ORDER BY id DESC"
	} else {
		q = "SELECT id FROM users ORDER BY id"
	}
	db.Query(q) // want `query "SELECT id FROM users ORDER BY id DESC" \| "SELECT id FROM users ORDER BY id" args=0`

	o := "SELECT 1"
	if desc {
		o = "SELECT 2"
	}
	db.Query(o) // want `query "SELECT 1" \| "SELECT 2" args=0`

	var s string
	switch kind {
	case 1:
		s = "DELETE FROM a"
	case 2:
		s = "DELETE FROM b"
	default:
		s = "DELETE FROM c"
	}
	db.Exec(s) // want `exec "DELETE FROM a" \| "DELETE FROM b" \| "DELETE FROM c" args=0`

	// Used inside the if: not after it.
	w := "SELECT 1"
	if desc {
		w = "SELECT 2"
		db.Query(w) // want `query unresolved`
	}
}

func holes(db *sql.DB, where string, id int) {
	db.Query("SELECT id FROM users WHERE " + where)               // want `query "SELECT id FROM users WHERE __dblint_dyn_0__" args=0 scan=none recv=pool holes=concat$`
	db.Query("SELECT id FROM users WHERE id = " + fmt.Sprint(id)) // want `query "SELECT id FROM users WHERE id = __dblint_dyn_0__" args=0 scan=none recv=pool holes=concat$`
	db.Query(where + where)                                       // want `query unresolved`
	clause := "name = '" + where + "'"
	db.Query("SELECT id FROM users WHERE " + clause) // want `query "SELECT id FROM users WHERE name = '__dblint_dyn_0__'" args=0 scan=none recv=pool holes=concat$`
}
