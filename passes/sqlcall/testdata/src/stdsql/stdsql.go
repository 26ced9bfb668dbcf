package stdsql

import (
	"context"
	"database/sql"
	"strings"
)

type User struct {
	ID   int64
	Name string
}

func queryRowChained(db *sql.DB, id int64) string {
	var name string
	_ = db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name) // want `^sql-call database/sql query-row "SELECT name FROM users WHERE id = \$1" args=1 scan=1 recv=pool$`
	return name
}

func rowsLoop(ctx context.Context, db *sql.DB) ([]User, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users ORDER BY id") // want `^sql-call database/sql query "SELECT id, name FROM users ORDER BY id" args=0 scan=2 recv=pool$`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func rowVar(db *sql.DB, id int64) (User, error) {
	row := db.QueryRow("SELECT id, name FROM users WHERE id = $1", id) // want `query-row "SELECT id, name FROM users WHERE id = \$1" args=1 scan=2 recv=pool$`
	var u User
	err := row.Scan(&u.ID, &u.Name)
	return u, err
}

func inTx(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE users SET name = $1 WHERE id = $2", "x", 1); err != nil { // want `^sql-call database/sql exec "UPDATE users SET name = \$1 WHERE id = \$2" args=2 scan=none recv=tx$`
		return err
	}
	if _, err := tx.Exec("DELETE FROM sessions; DELETE FROM tokens"); err != nil { // want `exec "DELETE FROM sessions; DELETE FROM tokens" args=0 scan=none recv=tx stmts=2$`
		return err
	}
	var n int
	_ = tx.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n) // want `query-row "SELECT count\(\*\) FROM users" args=0 scan=1 recv=tx$`
	return tx.Commit()
}

func onConn(ctx context.Context, db *sql.DB) {
	c, _ := db.Conn(ctx)
	defer c.Close()
	c.ExecContext(ctx, "SET statement_timeout = 1000") // want `exec "SET statement_timeout = 1000" args=0 scan=none recv=conn$`
	var n int
	c.QueryRowContext(ctx, "SELECT 1").Scan(&n) // want `query-row "SELECT 1" args=0 scan=1 recv=conn$`
}

func prepared(ctx context.Context, db *sql.DB, ids []int64) {
	stmt, err := db.PrepareContext(ctx, "SELECT name FROM users WHERE id = $1") // want `^sql-call database/sql prepare "SELECT name FROM users WHERE id = \$1" args=0 scan=none recv=pool$`
	if err != nil {
		return
	}
	defer stmt.Close()
	for _, id := range ids {
		var name string
		_ = stmt.QueryRow(id).Scan(&name) // want `^sql-call database/sql query-row "SELECT name FROM users WHERE id = \$1" args=1 scan=1 recv=stmt prepared$`
	}
	tx, _ := db.Begin()
	tx.Stmt(stmt).Exec(1) // want `exec "SELECT name FROM users WHERE id = \$1" args=1 scan=none recv=stmt prepared$`
	txStmt := tx.StmtContext(ctx, stmt)
	txStmt.ExecContext(ctx, 2) // want `exec "SELECT name FROM users WHERE id = \$1" args=1 scan=none recv=stmt prepared$`
}

type store struct {
	db   *sql.DB
	stmt *sql.Stmt
}

// A statement in a field: its Prepare is not visible here.
func (s *store) fieldStmt() {
	s.stmt.Exec(1) // want `^sql-call database/sql exec unresolved args=1 scan=none recv=stmt$`
}

func spread(db *sql.DB, args []any) {
	db.Exec("INSERT INTO t (a, b) VALUES ($1, $2)", args...) // want `exec "INSERT INTO t \(a, b\) VALUES \(\$1, \$2\)" args=1 scan=none recv=pool ellipsis$`
}

func param(db *sql.DB, q string) {
	db.Query(q) // want `^sql-call database/sql query unresolved args=0 scan=none recv=pool$`
}

func field(s *store) {
	s.db.Exec("VACUUM") // want `exec "VACUUM" args=0`
}

func badSQL(db *sql.DB) {
	db.Exec("SELEC 1") // want `exec "SELEC 1" args=0 scan=none recv=pool parse-error$`
}

// Promoted methods of an embedded *sql.DB are *sql.DB's.
type wrapper struct{ *sql.DB }

func embedded(w wrapper) {
	w.Exec("ANALYZE users") // want `^sql-call database/sql exec "ANALYZE users"`
}

// Near misses: not database calls.
func notDB(b *strings.Builder) {
	b.WriteString("SELECT 1")
	_ = strings.ToUpper("DELETE FROM users")
}

// The rows variable is reused: each query keeps its own Scan.
func reused(db *sql.DB) {
	rows, _ := db.Query("SELECT a FROM t") // want `query "SELECT a FROM t" args=0 scan=none recv=pool$`
	rows.Close()
	rows, _ = db.Query("SELECT b, c FROM t") // want `query "SELECT b, c FROM t" args=0 scan=2 recv=pool$`
	for rows.Next() {
		var b, c int
		rows.Scan(&b, &c)
	}
	other, _ := db.Query("SELECT d FROM t") // want `query "SELECT d FROM t" args=0 scan=none recv=pool$`
	defer other.Close()
	var d int
	rows.Scan(&d)
}

// Scanning into a spread slice: the count is not known.
func spreadScan(db *sql.DB, dest []any) {
	db.QueryRow("SELECT * FROM t").Scan(dest...) // want `query-row "SELECT \* FROM t" args=0 scan=0 recv=pool$`
}
