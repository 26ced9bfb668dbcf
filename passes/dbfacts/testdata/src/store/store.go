// Package store runs the queries (pgx).
package store

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct{ pool *pgxpool.Pool }

type Customer struct {
	ID   int64
	Name string
}

func (s *Store) GetCustomer(ctx context.Context, id int64) (Customer, error) { // want GetCustomer:`^queries\(SELECT customers\)$`
	var c Customer
	err := s.pool.QueryRow(ctx, "SELECT id, name FROM customers WHERE id = $1", id).Scan(&c.ID, &c.Name)
	return c, err
}

func (s *Store) CustomersByIDs(ctx context.Context, ids []int64) (pgx.Rows, error) { // want CustomersByIDs:`^queries\(SELECT customers\)$`
	return s.pool.Query(ctx, "SELECT id, name FROM customers WHERE id = ANY($1)", ids)
}

func (s *Store) LogEvent(ctx context.Context, kind string) error { // want LogEvent:`^queries\(INSERT audit_log\)$`
	_, err := s.pool.Exec(ctx, "INSERT INTO audit_log (kind) VALUES ($1)", kind)
	return err
}

// Touch reads, then writes: the write represents it.
func (s *Store) Touch(ctx context.Context, id int64) error { // want Touch:`^queries\(UPDATE customers\)$`
	if _, err := s.GetCustomer(ctx, id); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, "UPDATE customers SET seen_at = now() WHERE id = $1", id)
	return err
}

// exec runs whatever it is given: the text is not known here.
func (s *Store) exec(ctx context.Context, q string, args ...any) error { // want exec:`^queries\(unresolved\)$`
	_, err := s.pool.Exec(ctx, q, args...)
	return err
}

// Archive goes through exec: the wrapper's text is unresolved, but the
// statement of a direct resolved call wins.
func (s *Store) Archive(ctx context.Context, id int64) error { // want Archive:`^queries\(unresolved via store.exec\)$`
	return s.exec(ctx, "UPDATE orders SET archived = true WHERE id = $1", id)
}

// Queue only queues: sending the batch is one round trip.
func (s *Store) Queue(b *pgx.Batch, id int64) {
	b.Queue("UPDATE orders SET status = 'paid' WHERE id = $1", id)
}

func (s *Store) SendAll(ctx context.Context, b *pgx.Batch) error {
	return s.pool.SendBatch(ctx, b).Close()
}

func (s *Store) Prepare(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Prepare(ctx, "get", "SELECT id FROM orders WHERE id = $1")
	return err
}

func (s *Store) Copy(ctx context.Context, rows [][]any) error {
	_, err := s.pool.CopyFrom(ctx, pgx.Identifier{"orders"}, []string{"id"}, pgx.CopyFromRows(rows))
	return err
}

// Mutual recursion: only walkA queries, walkB gets it through walkA.
func (s *Store) walkA(ctx context.Context, id int64, depth int) error { // want walkA:`^queries\(SELECT categories\)$`
	if depth > 3 {
		return s.walkB(ctx, id, depth)
	}
	var parent int64
	return s.pool.QueryRow(ctx, "SELECT parent_id FROM categories WHERE id = $1", id).Scan(&parent)
}

func (s *Store) walkB(ctx context.Context, id int64, depth int) error { // want walkB:`^queries\(SELECT categories via store.walkA\)$`
	return s.walkA(ctx, id, depth-1)
}

// WithTx runs fn in a transaction.
func (s *Store) WithTx(ctx context.Context, fn func(pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	return fn(tx)
}

// MarkPaid's query is in the closure it hands to WithTx.
func (s *Store) MarkPaid(ctx context.Context, id int64) error { // want MarkPaid:`^queries\(UPDATE orders\)$`
	return s.WithTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE orders SET status = 'paid' WHERE id = $1", id)
		return err
	})
}

// Loader only builds a closure: the query runs later, for the caller.
func (s *Store) Loader() func(ctx context.Context, id int64) error {
	return func(ctx context.Context, id int64) error {
		_, err := s.pool.Exec(ctx, "DELETE FROM sessions WHERE id = $1", id)
		return err
	}
}

// Each passes a method value.
func (s *Store) Each(ctx context.Context, ids []int64, fn func(context.Context, int64) error) error {
	for _, id := range ids {
		if err := fn(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) LogAll(ctx context.Context, ids []int64) error { // want LogAll:`^queries\(SELECT customers via store.getByID -> store.GetCustomer\)$`
	return s.Each(ctx, ids, s.getByID)
}

func (s *Store) getByID(ctx context.Context, id int64) error { // want getByID:`^queries\(SELECT customers via store.GetCustomer\)$`
	_, err := s.GetCustomer(ctx, id)
	return err
}

// Repo is a user interface: calls through it have no facts.
type Repo interface {
	Find(ctx context.Context, id int64) (Customer, error)
}

func ThroughInterface(ctx context.Context, r Repo) error {
	_, err := r.Find(ctx, 1)
	return err
}

// Pure has nothing to do with the database.
func Pure(a, b int) int { return a + b }

// TableName is not a query.
func TableName() string { return "customers" }
