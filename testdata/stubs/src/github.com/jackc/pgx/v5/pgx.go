// Package pgx is a stub of github.com/jackc/pgx/v5 for tests: the types and
// methods dblint knows, with the real signatures.
package pgx

import (
	"context"
	"errors"
	"github.com/jackc/pgx/v5/pgconn"
)

type Conn struct{}

func Connect(ctx context.Context, connString string) (*Conn, error) { return nil, nil }

func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) { return nil, nil }

func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row { return nil }

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

func (c *Conn) Prepare(ctx context.Context, name, sql string) (sd *pgconn.StatementDescription, err error) {
	return nil, nil
}

func (c *Conn) SendBatch(ctx context.Context, b *Batch) BatchResults { return nil }

func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	return 0, nil
}

func (c *Conn) Begin(ctx context.Context) (Tx, error) { return nil, nil }

func (c *Conn) Close(ctx context.Context) error { return nil }

type Tx interface {
	Begin(ctx context.Context) (Tx, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
	CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error)
	SendBatch(ctx context.Context, b *Batch) BatchResults
	Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error)
	Exec(ctx context.Context, sql string, arguments ...any) (commandTag pgconn.CommandTag, err error)
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row
	Conn() *Conn
}

type Rows interface {
	Close()
	Err() error
	Next() bool
	Scan(dest ...any) error
	Values() ([]any, error)
}

type Row interface {
	Scan(dest ...any) error
}

type CollectableRow interface {
	Scan(dest ...any) error
	Values() ([]any, error)
}

type RowToFunc[T any] func(row CollectableRow) (T, error)

func CollectRows[T any](rows Rows, fn RowToFunc[T]) ([]T, error) { return nil, nil }

func CollectOneRow[T any](rows Rows, fn RowToFunc[T]) (T, error) { var t T; return t, nil }

func CollectExactlyOneRow[T any](rows Rows, fn RowToFunc[T]) (T, error) { var t T; return t, nil }

func AppendRows[T any, S ~[]T](slice S, rows Rows, fn RowToFunc[T]) (S, error) { return slice, nil }

func ForEachRow(rows Rows, scans []any, fn func() error) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

func RowTo[T any](row CollectableRow) (T, error) { var t T; return t, nil }

func RowToAddrOf[T any](row CollectableRow) (*T, error) { return nil, nil }

func RowToMap(row CollectableRow) (map[string]any, error) { return nil, nil }

func RowToStructByPos[T any](row CollectableRow) (T, error) { var t T; return t, nil }

func RowToAddrOfStructByPos[T any](row CollectableRow) (*T, error) { return nil, nil }

func RowToStructByName[T any](row CollectableRow) (T, error) { var t T; return t, nil }

func RowToAddrOfStructByName[T any](row CollectableRow) (*T, error) { return nil, nil }

func RowToStructByNameLax[T any](row CollectableRow) (T, error) { var t T; return t, nil }

type Batch struct{ QueuedQueries []*QueuedQuery }

type QueuedQuery struct {
	SQL       string
	Arguments []any
}

func (b *Batch) Queue(query string, arguments ...any) *QueuedQuery { return nil }

func (b *Batch) Len() int { return 0 }

func (qq *QueuedQuery) QueryRow(fn func(row Row) error) {}

func (qq *QueuedQuery) Exec(fn func(ct pgconn.CommandTag) error) {}

type BatchResults interface {
	Exec() (pgconn.CommandTag, error)
	Query() (Rows, error)
	QueryRow() Row
	Close() error
}

type Identifier []string

type CopyFromSource interface {
	Next() bool
	Values() ([]any, error)
	Err() error
}

func CopyFromRows(rows [][]any) CopyFromSource { return nil }

type NamedArgs map[string]any

type StrictNamedArgs map[string]any

type QueryExecMode int32

const (
	QueryExecModeCacheStatement QueryExecMode = iota
	QueryExecModeCacheDescribe
	QueryExecModeDescribeExec
	QueryExecModeExec
	QueryExecModeSimpleProtocol
)

type QueryResultFormats []int16

type TxIsoLevel string

type TxOptions struct {
	IsoLevel TxIsoLevel

	AccessMode     TxAccessMode
	DeferrableMode TxDeferrableMode
	BeginQuery     string
	CommitQuery    string
}

type ConnConfig struct {
	DefaultQueryExecMode QueryExecMode
	pgconn.Config
	StatementCacheCapacity int
}

func ParseConfig(connString string) (*ConnConfig, error) { return nil, nil }

func ConnectConfig(ctx context.Context, connConfig *ConnConfig) (*Conn, error) { return nil, nil }

func (c *Conn) BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error) { return nil, nil }

func (c *Conn) Ping(ctx context.Context) error { return nil }

type TxBeginner interface {
	Begin(ctx context.Context) (Tx, error)
}

type TxBeginnerTx interface {
	BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error)
}

func BeginFunc(ctx context.Context, db TxBeginner, fn func(Tx) error) error { return nil }

func BeginTxFunc(ctx context.Context, db TxBeginnerTx, txOptions TxOptions, fn func(Tx) error) error {
	return nil
}

// Sanitize returns a sanitized string safe for SQL interpolation.
func (ident Identifier) Sanitize() string { return "" }

var ErrNoRows = errors.New("no rows in result set")

const (
	Serializable    TxIsoLevel = "serializable"
	RepeatableRead  TxIsoLevel = "repeatable read"
	ReadCommitted   TxIsoLevel = "read committed"
	ReadUncommitted TxIsoLevel = "read uncommitted"
)

type TxAccessMode string

const (
	ReadWrite TxAccessMode = "read write"
	ReadOnly  TxAccessMode = "read only"
)

type TxDeferrableMode string

const (
	Deferrable    TxDeferrableMode = "deferrable"
	NotDeferrable TxDeferrableMode = "not deferrable"
)
