// Package gorm is a stub of gorm.io/gorm for tests.
package gorm

import (
	"database/sql"
)

type DB struct {
	Error        error
	RowsAffected int64
}

func (db *DB) Raw(sql string, values ...any) (tx *DB) { return db }

func (db *DB) Exec(sql string, values ...any) (tx *DB) { return db }

func (db *DB) Where(query any, args ...any) (tx *DB) { return db }

func (db *DB) Or(query any, args ...any) (tx *DB) { return db }

func (db *DB) Not(query any, args ...any) (tx *DB) { return db }

func (db *DB) Order(value any) (tx *DB) { return db }

func (db *DB) Group(name string) (tx *DB) { return db }

func (db *DB) Having(query any, args ...any) (tx *DB) { return db }

func (db *DB) Joins(query string, args ...any) (tx *DB) { return db }

func (db *DB) Select(query any, args ...any) (tx *DB) { return db }

func (db *DB) Model(value any) (tx *DB) { return db }

func (db *DB) Limit(limit int) (tx *DB) { return db }

func (db *DB) Table(name string, args ...any) (tx *DB) { return db }

func (db *DB) Find(dest any, conds ...any) (tx *DB) { return db }

func (db *DB) First(dest any, conds ...any) (tx *DB) { return db }

func (db *DB) Take(dest any, conds ...any) (tx *DB) { return db }

func (db *DB) Last(dest any, conds ...any) (tx *DB) { return db }

func (db *DB) Count(count *int64) (tx *DB) { return db }

func (db *DB) Pluck(column string, dest any) (tx *DB) { return db }

func (db *DB) Scan(dest any) (tx *DB) { return db }

func (db *DB) Create(value any) (tx *DB) { return db }

func (db *DB) Save(value any) (tx *DB) { return db }

func (db *DB) Update(column string, value any) (tx *DB) { return db }

func (db *DB) Updates(values any) (tx *DB) { return db }

func (db *DB) Delete(value any, conds ...any) (tx *DB) { return db }

func (db *DB) Row() *sql.Row { return nil }

func (db *DB) Rows() (*sql.Rows, error) { return nil, nil }

func (db *DB) Preload(query string, args ...any) (tx *DB) { return db }

func (db *DB) CreateInBatches(value any, batchSize int) (tx *DB) { return db }

func (db *DB) Association(column string) *Association { return &Association{DB: db} }

type Association struct {
	DB    *DB
	Error error
}

func (a *Association) Find(out any, conds ...any) error { return nil }

func (a *Association) Append(values ...any) error { return nil }

func (a *Association) Replace(values ...any) error { return nil }

func (a *Association) Delete(values ...any) error { return nil }

func (a *Association) Clear() error { return nil }

func (a *Association) Count() (count int64) { return 0 }

type Dialector interface{ Name() string }

type Config struct{}

func Open(dialector Dialector, opts ...*Config) (db *DB, err error) { return nil, nil }

func (db *DB) Begin(opts ...*sql.TxOptions) *DB { return db }

func (db *DB) Commit() *DB { return db }

func (db *DB) Rollback() *DB { return db }

func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) { return nil }
