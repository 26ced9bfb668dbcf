// Package pgconn is a stub of github.com/jackc/pgx/v5/pgconn for tests.
package pgconn

import ()

type CommandTag struct{ s string }

func (ct CommandTag) RowsAffected() int64 { return 0 }

type StatementDescription struct {
	Name string
	SQL  string
}

type Config struct {
	Host          string
	Port          uint16
	Database      string
	User          string
	Password      string
	RuntimeParams map[string]string
}

// PgError is an error reported by the PostgreSQL server.
type PgError struct {
	Severity string
	Code     string
	Message  string
}

func (pe *PgError) Error() string {
	return pe.Severity + ": " + pe.Message + " (SQLSTATE " + pe.Code + ")"
}

func (pe *PgError) SQLState() string { return pe.Code }
