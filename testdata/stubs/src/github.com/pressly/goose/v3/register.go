// Package goose is a stub of github.com/pressly/goose/v3 for tests: the
// registration functions of Go migrations, with the real signatures
// (v3.30.0 register.go), and bodies that do nothing.
package goose

import (
	"context"
	"database/sql"
)

// GoMigrationContext runs inside the transaction goose opens.
type GoMigrationContext func(ctx context.Context, tx *sql.Tx) error

// GoMigrationNoTxContext runs outside a transaction.
type GoMigrationNoTxContext func(ctx context.Context, db *sql.DB) error

// GoMigration is the deprecated form of GoMigrationContext.
type GoMigration func(tx *sql.Tx) error

// GoMigrationNoTx is the deprecated form of GoMigrationNoTxContext.
type GoMigrationNoTx func(db *sql.DB) error

func AddMigrationContext(up, down GoMigrationContext) {}

func AddNamedMigrationContext(filename string, up, down GoMigrationContext) {}

func AddMigrationNoTxContext(up, down GoMigrationNoTxContext) {}

func AddNamedMigrationNoTxContext(filename string, up, down GoMigrationNoTxContext) {}

func AddMigration(up, down GoMigration) {}

func AddNamedMigration(filename string, up, down GoMigration) {}

func AddMigrationNoTx(up, down GoMigrationNoTx) {}

func AddNamedMigrationNoTx(filename string, up, down GoMigrationNoTx) {}
