// Package store runs the queries: pgx, database/sql and sqlx.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

type Store struct{ pool *pgxpool.Pool }

func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

type Order struct {
	ID         int64
	CustomerID int64
	Items      []string
}

type Customer struct {
	ID   int64
	Name string
	VIP  bool
}

func (s *Store) GetCustomer(ctx context.Context, id int64) (Customer, error) {
	var c Customer
	err := s.pool.QueryRow(ctx, "SELECT id, name FROM customers WHERE id = $1", id).Scan(&c.ID, &c.Name)
	return c, err
}

// OrdersByStatus: the rows.Next() scan loop is not a query.
func (s *Store) OrdersByStatus(ctx context.Context, status string) ([]Order, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, customer_id FROM orders WHERE status = $1", status)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.CustomerID); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (s *Store) CustomersByIDs(ctx context.Context, ids []int64) ([]Customer, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, name FROM customers WHERE id = ANY($1)", ids)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Customer])
}

func (s *Store) SaveItem(ctx context.Context, orderID int64, sku string) error {
	_, err := s.pool.Exec(ctx, "INSERT INTO order_items (order_id, sku) VALUES ($1, $2)", orderID, sku)
	return err
}

// LoadItems: a query per order, the inner scan loop is fine.
func (s *Store) LoadItems(ctx context.Context, orders []Order) error {
	for i := range orders {
		rows, err := s.pool.Query(ctx, "SELECT sku FROM order_items WHERE order_id = $1", orders[i].ID) // want `^query runs once per iteration of the loop over "orders" \(N\+1\): SELECT sku FROM order_items WHERE order_id = \$1; load them in one query \(WHERE order_id = ANY\(\$1\)\) or join$`
		if err != nil {
			return err
		}
		for rows.Next() {
			var sku string
			rows.Scan(&sku)
			orders[i].Items = append(orders[i].Items, sku)
		}
		rows.Close()
	}
	return nil
}

// Counted: for i := 0; i < len(orders); i++ names "orders".
func (s *Store) Counted(ctx context.Context, orders []Order) {
	for i := 0; i < len(orders); i++ {
		s.GetCustomer(ctx, orders[i].CustomerID) // want `^query runs once per iteration of the loop over "orders" \(N\+1\): store.GetCustomer -> SELECT id, name FROM customers WHERE id = \$1; load them`
	}
}

// EnrichOpen queries the pool while the rows of the same pool are open.
func (s *Store) EnrichOpen(ctx context.Context) error {
	rows, err := s.pool.Query(ctx, "SELECT id, customer_id FROM orders WHERE status = 'open'")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, cid int64
		if err := rows.Scan(&id, &cid); err != nil {
			return err
		}
		var name string
		s.pool.QueryRow(ctx, "SELECT name FROM customers WHERE id = $1", cid).Scan(&name) // want `^query runs inside the loop over "rows" \(loaded by SELECT id, customer_id FROM orders WHERE status = 'open'\) while its rows hold a pool connection: each iteration asks the same pool for another, which deadlocks when the pool is exhausted: SELECT name FROM customers WHERE id = \$1; read the rows into a slice and close them first, or join the two queries$`
		s.GetCustomer(ctx, cid)                                                           // want `^query runs inside the loop over "rows" .*: store.GetCustomer -> SELECT`
	}
	return rows.Err()
}

// InTx reads rows from the pool and queries a transaction: its own
// connection, so N+1 but no deadlock.
func (s *Store) InTx(ctx context.Context, tx pgx.Tx) error {
	rows, err := s.pool.Query(ctx, "SELECT id FROM orders")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		tx.Exec(ctx, "UPDATE orders SET seen = true WHERE id = $1", id) // want `^UPDATE runs once per iteration of the loop over "rows" \(loaded by SELECT id FROM orders\): UPDATE orders SET seen = true WHERE id = \$1; update them in one statement \(UPDATE ... FROM unnest\(\$1::...\[\], \$2::...\[\]\)\), or queue them on a pgx.Batch$`
	}
	return rows.Err()
}

// MarkAllPaid queues on a batch: the fix, silent.
func (s *Store) MarkAllPaid(ctx context.Context, ids []int64) error {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue("UPDATE orders SET status = 'paid' WHERE id = $1", id)
	}
	return s.pool.SendBatch(ctx, b).Close()
}

// SaveItems writes one row per iteration.
func (s *Store) SaveItems(ctx context.Context, orderID int64, skus []string) error {
	for _, sku := range skus {
		if _, err := s.pool.Exec(ctx, "INSERT INTO order_items (order_id, sku) VALUES ($1, $2)", orderID, sku); err != nil { // want `^INSERT runs once per iteration of the loop over "skus": INSERT INTO order_items \(order_id, sku\) VALUES \(\$1, \$2\); insert them in one statement \(a multi-row INSERT, INSERT ... SELECT \* FROM unnest\(\$1::...\[\]\), or CopyFrom\), or queue them on a pgx.Batch$`
			return err
		}
	}
	return nil
}

// FirstVIP: a first-match search runs its query once.
func (s *Store) FirstVIP(ctx context.Context, customers []Customer) (string, error) {
	for _, c := range customers {
		if c.VIP {
			var note string
			err := s.pool.QueryRow(ctx, "SELECT note FROM settings WHERE key = 'vip'").Scan(&note)
			return note, err
		}
	}
	for _, c := range customers {
		if c.VIP {
			s.GetCustomer(ctx, c.ID)
			break
		}
	}
	return "", nil
}

// FirstMatchPerOrder breaks out of the inner loop only: once per order.
func (s *Store) FirstMatchPerOrder(ctx context.Context, orders []Order, vips []Customer) {
	for _, o := range orders {
		for _, c := range vips {
			if c.ID == o.CustomerID {
				s.GetCustomer(ctx, c.ID) // want `^query runs once per iteration of the loop over "orders"`
				break
			}
		}
	}
}

// SearchUntilFound continues after the query: it runs for each candidate.
func (s *Store) SearchUntilFound(ctx context.Context, ids []int64) (Customer, error) {
	for _, id := range ids {
		c, err := s.GetCustomer(ctx, id) // want `^query runs once per iteration of the loop over "ids"`
		if err != nil {
			continue
		}
		return c, nil
	}
	return Customer{}, nil
}

// Retry loops with a small constant bound are not N+1.
func (s *Store) Retry(ctx context.Context) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if _, err = s.pool.Exec(ctx, "UPDATE counters SET n = n + 1 WHERE id = 1"); err == nil {
			return nil
		}
	}
	for attempt := range 5 {
		_ = attempt
		if _, err = s.pool.Exec(ctx, "UPDATE counters SET n = n + 1 WHERE id = 1"); err == nil {
			break
		}
	}
	return err
}

// RetryConfigured: the counter is unused and the loop leaves on success.
func (s *Store) RetryConfigured(ctx context.Context, maxAttempts int) error {
	var err error
	for i := 0; i < maxAttempts; i++ {
		if _, err = s.pool.Exec(ctx, "UPDATE counters SET n = n + 1 WHERE id = 1"); err == nil {
			break
		}
	}
	return err
}

// RetryPerOrder: the retry loop is looked through; the order loop is N+1.
func (s *Store) RetryPerOrder(ctx context.Context, orders []Order) {
	for _, o := range orders {
		for attempt := 0; attempt < 3; attempt++ {
			if _, err := s.pool.Exec(ctx, "DELETE FROM carts WHERE order_id = $1", o.ID); err == nil { // want `^DELETE runs once per iteration of the loop over "orders": DELETE FROM carts WHERE order_id = \$1; delete them in one statement \(WHERE order_id = ANY\(\$1\)\), or queue them on a pgx.Batch$`
				break
			}
		}
	}
}

// Workers and polls block on a channel, a select, a ticker or a sleep.
func (s *Store) Worker(ctx context.Context, jobs <-chan int64) {
	for id := range jobs {
		s.pool.Exec(ctx, "UPDATE jobs SET done = true WHERE id = $1", id)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case id := <-jobs:
			s.pool.Exec(ctx, "UPDATE jobs SET done = true WHERE id = $1", id)
		}
	}
}

func (s *Store) Poll(ctx context.Context) {
	ticker := time.NewTicker(time.Minute)
	for ctx.Err() == nil {
		<-ticker.C
		s.pool.Exec(ctx, "DELETE FROM sessions WHERE expires_at < now()")
	}
	for {
		s.pool.Exec(ctx, "DELETE FROM sessions WHERE expires_at < now()")
		time.Sleep(time.Minute)
	}
}

// Cleanup ranges over a short constant literal.
func (s *Store) Cleanup(ctx context.Context) {
	for _, t := range []string{"sessions", "tokens"} {
		s.pool.Exec(ctx, "DELETE FROM "+t+" WHERE expires_at < now()")
	}
	tables := []string{"sessions", "tokens", "carts"}
	for _, t := range tables {
		s.pool.Exec(ctx, "TRUNCATE "+t)
	}
}

// Seed is a seed helper: no special case.
func Seed(ctx context.Context, conn *pgx.Conn, names []string) error {
	for _, n := range names {
		if _, err := conn.Exec(ctx, "INSERT INTO customers (name) VALUES ($1)", n); err != nil { // want `^INSERT runs once per iteration of the loop over "names": INSERT INTO customers`
			return err
		}
	}
	return nil
}

// Invariant: the same query every time.
func (s *Store) Invariant(ctx context.Context, orders []Order) float64 {
	total := 0.0
	for range orders {
		var tax float64
		s.pool.QueryRow(ctx, "SELECT value FROM settings WHERE key = 'tax'").Scan(&tax) // want `^query runs once per iteration of the loop over "orders" \(N\+1\): SELECT value FROM settings WHERE key = 'tax'; it does not depend on the iteration: run it once before the loop$`
		total += tax
	}
	return total
}

// SQLStore is the database/sql side.
type SQLStore struct{ db *sql.DB }

func (s *SQLStore) Email(ctx context.Context, id int64) (string, error) {
	var e string
	err := s.db.QueryRowContext(ctx, "SELECT email FROM users WHERE id = $1", id).Scan(&e)
	return e, err
}

func (s *SQLStore) Emails(ctx context.Context, ids []int64) []string {
	var out []string
	for _, id := range ids {
		var e string
		s.db.QueryRowContext(ctx, "SELECT email FROM users WHERE id = $1", id).Scan(&e) // want `^query runs once per iteration of the loop over "ids" \(N\+1\): SELECT email FROM users WHERE id = \$1; load them in one query \(WHERE id = ANY\(\$1\)\) or join$`
		out = append(out, e)
	}
	return out
}

func (s *SQLStore) Names(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		s.db.ExecContext(ctx, "UPDATE users SET seen = true WHERE id = $1", id) // want `^query runs inside the loop over "rows" \(loaded by SELECT id FROM users\) while its rows hold a pool connection`
	}
	return rows.Err()
}

func (s *SQLStore) Log(ctx context.Context, events []string) {
	for _, e := range events {
		s.db.ExecContext(ctx, "INSERT INTO events (name) VALUES ($1)", e) // want `^INSERT runs once per iteration of the loop over "events": INSERT INTO events \(name\) VALUES \(\$1\); insert them in one statement \(a multi-row INSERT, or INSERT ... SELECT \* FROM unnest\(\$1::...\[\]\)\)$`
	}
}

// XStore is the sqlx side.
type XStore struct{ db *sqlx.DB }

func (s *XStore) Names(ids []int64) []string {
	var out []string
	for _, id := range ids {
		var n string
		s.db.Get(&n, "SELECT name FROM customers WHERE id = $1", id) // want `^query runs once per iteration of the loop over "ids" \(N\+1\): SELECT name FROM customers WHERE id = \$1`
		out = append(out, n)
	}
	return out
}

func (s *XStore) ByChunks(chunks [][]int64) ([]string, error) {
	var out []string
	for _, chunk := range chunks {
		q, args, err := sqlx.In("SELECT name FROM customers WHERE id IN (?)", chunk)
		if err != nil {
			return nil, err
		}
		var names []string
		if err := s.db.Select(&names, s.db.Rebind(q), args...); err != nil {
			return nil, err
		}
		out = append(out, names...)
	}
	return out, nil
}

func (s *XStore) Orders(customerIDs []int64) {
	var orders []Order
	s.db.Select(&orders, "SELECT id, customer_id FROM orders")
	for _, o := range orders {
		var n string
		s.db.Get(&n, "SELECT name FROM customers WHERE id = $1", o.CustomerID) // want `^query runs once per iteration of the loop over "orders" \(loaded by SELECT id, customer_id FROM orders\) \(N\+1\)`
	}
}

// exec takes its SQL as a parameter: its text is not known here.
func (s *Store) exec(ctx context.Context, q string, args ...any) error {
	_, err := s.pool.Exec(ctx, q, args...)
	return err
}

type Migration struct{ SQL string }

// Migrate runs statements only known at run time: silent.
func (s *Store) Migrate(ctx context.Context, tx pgx.Tx, ms []Migration) error {
	for _, m := range ms {
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return err
		}
		s.exec(ctx, "UPDATE schema_version SET v = v + 1")
	}
	return nil
}
