// Package poolconfig: pool-unbounded and pool-idle-exceeds-open, each
// finding beside its near-miss.
package poolconfig

import (
	"database/sql"

	"github.com/jmoiron/sqlx"
)

// Finding: no limit on open connections.
func open(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want `connection pool "db" from sql.Open has no limit on open connections \(SetMaxOpenConns is never called\): under load it opens connections until PostgreSQL refuses them \(max_connections\); call db.SetMaxOpenConns`
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

// Finding (idle above open); near-miss for pool-unbounded.
func openLimited(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(10)
	db.SetMaxIdleConns(20) // want `SetMaxIdleConns\(20\) exceeds SetMaxOpenConns\(10\) on "db": database/sql silently lowers the idle limit to 10; set it to at most 10`
	return db.Ping()
}

// Near-miss: idle below open; returned to the caller; handed to a
// function that may configure it.
func openTuned(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	return db, nil
}

func newDB(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	return db, err
}

func openAndServe(dsn string, serve func(*sql.DB) error) error {
	db, err := sqlx.Connect("postgres", dsn)
	if err != nil {
		return err
	}
	return serve(db.DB)
}

// Finding: sqlx.
func run() {
	db := sqlx.MustConnect("postgres", "postgres://localhost/app") // want `connection pool "db" from sqlx.MustConnect has no limit on open connections`
	db.MustExec("DELETE FROM sessions")
}

// Near-miss: sqlx, limited through the embedded *sql.DB.
func runLimited() {
	db := sqlx.MustConnect("postgres", "postgres://localhost/app")
	db.DB.SetMaxOpenConns(5)
	db.MustExec("DELETE FROM sessions")
}
