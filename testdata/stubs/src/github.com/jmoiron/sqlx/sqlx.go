// Package sqlx is a stub of github.com/jmoiron/sqlx for tests.
package sqlx

import (
	"context"
	"database/sql"
)

const (
	UNKNOWN = iota
	QUESTION
	DOLLAR
	NAMED
	AT
)

type DB struct{ *sql.DB }

func Connect(driverName, dataSourceName string) (*DB, error) { return nil, nil }

func (db *DB) Select(dest any, query string, args ...any) error { return nil }

func (db *DB) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	return nil
}

func (db *DB) Get(dest any, query string, args ...any) error { return nil }

func (db *DB) GetContext(ctx context.Context, dest any, query string, args ...any) error { return nil }

func (db *DB) Queryx(query string, args ...any) (*Rows, error) { return nil, nil }

func (db *DB) QueryxContext(ctx context.Context, query string, args ...any) (*Rows, error) {
	return nil, nil
}

func (db *DB) QueryRowx(query string, args ...any) *Row { return nil }

func (db *DB) QueryRowxContext(ctx context.Context, query string, args ...any) *Row { return nil }

func (db *DB) NamedExec(query string, arg any) (sql.Result, error) { return nil, nil }

func (db *DB) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	return nil, nil
}

func (db *DB) NamedQuery(query string, arg any) (*Rows, error) { return nil, nil }

func (db *DB) MustExec(query string, args ...any) sql.Result { return nil }

func (db *DB) Preparex(query string) (*Stmt, error) { return nil, nil }

func (db *DB) PrepareNamed(query string) (*NamedStmt, error) { return nil, nil }

func (db *DB) Rebind(query string) string { return query }

func (db *DB) BindNamed(query string, arg any) (string, []any, error) { return query, nil, nil }

func (db *DB) Beginx() (*Tx, error) { return nil, nil }

func (db *DB) MustBegin() *Tx { return nil }

type Tx struct{ *sql.Tx }

func (tx *Tx) Select(dest any, query string, args ...any) error { return nil }

func (tx *Tx) Get(dest any, query string, args ...any) error { return nil }

func (tx *Tx) Queryx(query string, args ...any) (*Rows, error) { return nil, nil }

func (tx *Tx) QueryRowx(query string, args ...any) *Row { return nil }

func (tx *Tx) NamedExec(query string, arg any) (sql.Result, error) { return nil, nil }

func (tx *Tx) MustExec(query string, args ...any) sql.Result { return nil }

func (tx *Tx) Preparex(query string) (*Stmt, error) { return nil, nil }

func (tx *Tx) Rebind(query string) string { return query }

func (tx *Tx) Stmtx(stmt any) *Stmt { return nil }

func (tx *Tx) NamedStmt(stmt *NamedStmt) *NamedStmt { return nil }

func (tx *Tx) Commit() error { return nil }

type Conn struct{ *sql.Conn }

func (c *Conn) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	return nil
}

func (c *Conn) GetContext(ctx context.Context, dest any, query string, args ...any) error { return nil }

func (c *Conn) Rebind(query string) string { return query }

type Stmt struct{ *sql.Stmt }

func (s *Stmt) Select(dest any, args ...any) error { return nil }

func (s *Stmt) Get(dest any, args ...any) error { return nil }

func (s *Stmt) MustExec(args ...any) sql.Result { return nil }

func (s *Stmt) Queryx(args ...any) (*Rows, error) { return nil, nil }

func (s *Stmt) QueryRowx(args ...any) *Row { return nil }

type NamedStmt struct {
	Params      []string
	QueryString string
	Stmt        *Stmt
}

func (n *NamedStmt) Exec(arg any) (sql.Result, error) { return nil, nil }

func (n *NamedStmt) Get(dest any, arg any) error { return nil }

func (n *NamedStmt) Select(dest any, arg any) error { return nil }

type Rows struct{ *sql.Rows }

func (r *Rows) StructScan(dest any) error { return nil }

func (r *Rows) MapScan(dest map[string]any) error { return nil }

type Row struct{}

func (r *Row) Scan(dest ...any) error { return nil }

func (r *Row) StructScan(dest any) error { return nil }

type Queryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
	Queryx(query string, args ...any) (*Rows, error)
	QueryRowx(query string, args ...any) *Row
}

type Execer interface {
	Exec(query string, args ...any) (sql.Result, error)
}

type Ext interface {
	Queryer
	Execer
	Rebind(string) string
	BindNamed(string, any) (string, []any, error)
}

func Select(q Queryer, dest any, query string, args ...any) error { return nil }

func Get(q Queryer, dest any, query string, args ...any) error { return nil }

func SelectContext(ctx context.Context, q QueryerContext, dest any, query string, args ...any) error {
	return nil
}

func NamedExec(e Ext, query string, arg any) (sql.Result, error) { return nil, nil }

func MustExec(e Execer, query string, args ...any) sql.Result { return nil }

func In(query string, args ...any) (string, []any, error) { return query, args, nil }

func Named(query string, arg any) (string, []any, error) { return query, nil, nil }

func Rebind(bindType int, query string) string { return query }

type QueryerContext interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryxContext(ctx context.Context, query string, args ...any) (*Rows, error)
	QueryRowxContext(ctx context.Context, query string, args ...any) *Row
}

type ExecerContext interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

type ExtContext interface {
	QueryerContext
	ExecerContext
}

type Preparer interface {
	Prepare(query string) (*sql.Stmt, error)
}

type PreparerContext interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

func (db *DB) NamedQueryContext(ctx context.Context, query string, arg any) (*Rows, error) {
	panic("stub")
}

func (db *DB) MustExecContext(ctx context.Context, query string, args ...any) sql.Result {
	panic("stub")
}

func (db *DB) PreparexContext(ctx context.Context, query string) (*Stmt, error) { panic("stub") }

func (db *DB) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	panic("stub")
}

func (tx *Tx) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	panic("stub")
}

func (tx *Tx) GetContext(ctx context.Context, dest any, query string, args ...any) error {
	panic("stub")
}

func (tx *Tx) QueryxContext(ctx context.Context, query string, args ...any) (*Rows, error) {
	panic("stub")
}

func (tx *Tx) QueryRowxContext(ctx context.Context, query string, args ...any) *Row { panic("stub") }

func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	panic("stub")
}

func (tx *Tx) NamedQuery(query string, arg any) (*Rows, error) { panic("stub") }

func (tx *Tx) NamedQueryContext(ctx context.Context, query string, arg any) (*Rows, error) {
	panic("stub")
}

func (tx *Tx) MustExecContext(ctx context.Context, query string, args ...any) sql.Result {
	panic("stub")
}

func (tx *Tx) PreparexContext(ctx context.Context, query string) (*Stmt, error) { panic("stub") }

func (tx *Tx) PrepareNamed(query string) (*NamedStmt, error) { panic("stub") }

func (tx *Tx) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	panic("stub")
}

func (c *Conn) QueryxContext(ctx context.Context, query string, args ...any) (*Rows, error) {
	panic("stub")
}

func (c *Conn) QueryRowxContext(ctx context.Context, query string, args ...any) *Row { panic("stub") }

func (c *Conn) PreparexContext(ctx context.Context, query string) (*Stmt, error) { panic("stub") }

func (c *Conn) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	panic("stub")
}

func (c *Conn) NamedQueryContext(ctx context.Context, query string, arg any) (*Rows, error) {
	panic("stub")
}

func (c *Conn) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	panic("stub")
}

func (s *Stmt) SelectContext(ctx context.Context, dest any, args ...any) error { panic("stub") }

func (s *Stmt) GetContext(ctx context.Context, dest any, args ...any) error { panic("stub") }

func (s *Stmt) QueryxContext(ctx context.Context, args ...any) (*Rows, error) { panic("stub") }

func (s *Stmt) QueryRowxContext(ctx context.Context, args ...any) *Row { panic("stub") }

func (s *Stmt) MustExecContext(ctx context.Context, args ...any) sql.Result { panic("stub") }

func (n *NamedStmt) ExecContext(ctx context.Context, arg any) (sql.Result, error) { panic("stub") }

func (n *NamedStmt) MustExec(arg any) sql.Result { panic("stub") }

func (n *NamedStmt) MustExecContext(ctx context.Context, arg any) sql.Result { panic("stub") }

func (n *NamedStmt) Query(arg any) (*sql.Rows, error) { panic("stub") }

func (n *NamedStmt) QueryContext(ctx context.Context, arg any) (*sql.Rows, error) { panic("stub") }

func (n *NamedStmt) Queryx(arg any) (*Rows, error) { panic("stub") }

func (n *NamedStmt) QueryxContext(ctx context.Context, arg any) (*Rows, error) { panic("stub") }

func (n *NamedStmt) QueryRow(arg any) *Row { panic("stub") }

func (n *NamedStmt) QueryRowContext(ctx context.Context, arg any) *Row { panic("stub") }

func (n *NamedStmt) QueryRowx(arg any) *Row { panic("stub") }

func (n *NamedStmt) QueryRowxContext(ctx context.Context, arg any) *Row { panic("stub") }

func (n *NamedStmt) SelectContext(ctx context.Context, dest any, arg any) error { panic("stub") }

func (n *NamedStmt) GetContext(ctx context.Context, dest any, arg any) error { panic("stub") }

func GetContext(ctx context.Context, q QueryerContext, dest any, query string, args ...any) error {
	panic("stub")
}

func NamedExecContext(ctx context.Context, e ExtContext, query string, arg any) (sql.Result, error) {
	panic("stub")
}

func NamedQuery(e Ext, query string, arg any) (*Rows, error) { panic("stub") }

func NamedQueryContext(ctx context.Context, e ExtContext, query string, arg any) (*Rows, error) {
	panic("stub")
}

func MustExecContext(ctx context.Context, e ExecerContext, query string, args ...any) sql.Result {
	panic("stub")
}

func Preparex(p Preparer, query string) (*Stmt, error) { panic("stub") }

func PreparexContext(ctx context.Context, p PreparerContext, query string) (*Stmt, error) {
	panic("stub")
}

func PrepareNamed(p Preparer, query string) (*NamedStmt, error) { panic("stub") }

func PrepareNamedContext(ctx context.Context, p PreparerContext, query string) (*NamedStmt, error) {
	panic("stub")
}

func Open(driverName, dataSourceName string) (*DB, error) { return nil, nil }

func MustConnect(driverName, dataSourceName string) *DB { return nil }

func MustOpen(driverName, dataSourceName string) *DB { return nil }

func ConnectContext(ctx context.Context, driverName, dataSourceName string) (*DB, error) {
	return nil, nil
}

func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return nil, nil }

func (db *DB) MustBeginTx(ctx context.Context, opts *sql.TxOptions) *Tx { return nil }

func (db *DB) Connx(ctx context.Context) (*Conn, error) { return nil, nil }

// StructScan reads every row of rows into dest and closes rows.
func StructScan(rows *Rows, dest any) error { return nil }
