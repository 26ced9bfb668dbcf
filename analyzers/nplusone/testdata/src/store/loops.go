package store

import (
	"context"
	"database/sql"
	"sync"
)

// Near-miss: a fixed pool of workers, each taking jobs from a channel;
// the loop counts workers, not items.
func StartWorkers(db *sql.DB, jobs <-chan int64, workers int) *sync.WaitGroup {
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go work(db, jobs, &wg, i)
	}
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go work(db, jobs, &wg, i)
	}
	return &wg
}

func work(db *sql.DB, jobs <-chan int64, wg *sync.WaitGroup, _ int) {
	defer wg.Done()
	for id := range jobs {
		_, _ = db.Exec(`UPDATE orders SET status = 'done' WHERE id = $1`, id)
	}
}

func markDone(db *sql.DB, id int64) {
	_, _ = db.Exec(`UPDATE orders SET status = 'done' WHERE id = $1`, id)
}

// Finding: one goroutine per item.
func MarkAllDone(db *sql.DB, ids []int64) {
	for _, id := range ids {
		go markDone(db, id) // want `UPDATE runs in a goroutine started once per iteration of the loop over "ids"`
	}
	for i := 0; i < len(ids); i++ {
		go markDone(db, ids[i]) // want `UPDATE runs in a goroutine started once per iteration of the loop over "ids"`
	}
}

// Near-miss: each iteration is its own transaction (a migration runner):
// the writes cannot be one statement. TRUNCATE has nothing to batch.
func Migrate(ctx context.Context, db *sql.DB, steps []func(*sql.Tx) error, from int) error {
	for version := from; version < len(steps); version++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := steps[version](tx); err != nil {
			_ = tx.Rollback()
			return err
		}
		if _, err := tx.Exec(`TRUNCATE schema_version`); err != nil {
			_ = tx.Rollback()
			return err
		}
		if _, err := tx.Exec(`INSERT INTO schema_version (version) VALUES ($1)`, version+1); err != nil {
			_ = tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Finding: the transaction spans the loop; the inserts could be one.
func SaveVersions(ctx context.Context, db *sql.DB, versions []int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, v := range versions {
		if _, err := tx.Exec(`INSERT INTO schema_version (version) VALUES ($1)`, v); err != nil { // want `INSERT runs once per iteration of the loop over "versions"`
			_ = tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// Near-miss: a SELECT without FROM calls a function; it loads no rows.
func Announce(ctx context.Context, db *sql.DB, queues []string) {
	for _, q := range queues {
		_, _ = db.ExecContext(ctx, `SELECT pg_notify($1, 'ready')`, q)
	}
}

// Finding: a SELECT from a table per item.
func Counts(ctx context.Context, db *sql.DB, queues []string) {
	for _, q := range queues {
		var n int
		_ = db.QueryRowContext(ctx, `SELECT count(*) FROM jobs WHERE queue = $1`, q).Scan(&n) // want `query runs once per iteration of the loop over "queues"`
	}
}

// Finding: SELECT EXISTS reads a table through its subquery.
func Known(ctx context.Context, db *sql.DB, hashes []string) {
	for _, h := range hashes {
		var ok bool
		_ = db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM jobs WHERE hash = $1)`, h).Scan(&ok) // want `query runs once per iteration of the loop over "hashes"`
	}
}
