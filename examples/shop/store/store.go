// Package store is the example shop's data access layer over pgx.
package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Store wraps the pool.
type Store struct {
	DB *pgxpool.Pool
}

// Customer is a row of customers.
type Customer struct {
	ID        int64
	Email     string
	Name      string
	Nickname  *string
	CreatedAt time.Time
}

// Order is a row of orders.
type Order struct {
	ID         int64
	CustomerID int64
	Status     string
}

// GetCustomer loads one customer by id.
func (s *Store) GetCustomer(ctx context.Context, id int64) (*Customer, error) {
	var c Customer
	// Correct: nickname is nullable and scanned into a *string.
	err := s.DB.QueryRow(ctx,
		"SELECT id, email, full_name, nickname, created_at FROM customers WHERE id = $1", id).
		Scan(&c.ID, &c.Email, &c.Name, &c.Nickname, &c.CreatedAt)
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// CustomerName uses the column's old name: migration 000002 renamed it.
func (s *Store) CustomerName(ctx context.Context, id int64) (string, error) {
	var name string
	err := s.DB.QueryRow(ctx, "SELECT name FROM customers WHERE id = $1", id).Scan(&name)
	return name, err
}

// Nickname scans a nullable column into a string: fails at run time for
// customers without a nickname.
func (s *Store) Nickname(ctx context.Context, id int64) (string, error) {
	var nick string
	err := s.DB.QueryRow(ctx, "SELECT nickname FROM customers WHERE id = $1", id).Scan(&nick)
	return nick, err
}

// OrdersByStatus passes one argument for two placeholders.
func (s *Store) OrdersByStatus(ctx context.Context, status string) ([]Order, error) {
	rows, err := s.DB.Query(ctx,
		"SELECT id, customer_id, status FROM orders WHERE status = $1 AND placed_at > $2", status)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.Status); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// OrdersOf lists a customer's orders.
func (s *Store) OrdersOf(ctx context.Context, customerID int64) ([]Order, error) {
	rows, err := s.DB.Query(ctx,
		"SELECT id, customer_id, status FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC", customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.Status); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// AddProduct forgets the NOT NULL title.
func (s *Store) AddProduct(ctx context.Context, sku string, price int) error {
	_, err := s.DB.Exec(ctx, "INSERT INTO products (sku, price_cents) VALUES ($1, $2)", sku, price)
	return err
}

// PlaceOrder inserts an order and returns its id.
func (s *Store) PlaceOrder(ctx context.Context, customerID int64) (int64, error) {
	var id int64
	err := s.DB.QueryRow(ctx,
		"INSERT INTO orders (customer_id) VALUES ($1) RETURNING id", customerID).Scan(&id)
	return id, err
}

// ItemCount counts items with a CTE and an alias.
func (s *Store) ItemCount(ctx context.Context, orderID int64) (int64, error) {
	var n int64
	err := s.DB.QueryRow(ctx, `
		WITH items AS (
			SELECT oi.quantity FROM order_items oi WHERE oi.order_id = $1
		)
		SELECT count(*) FROM items`, orderID).Scan(&n)
	return n, err
}

// CancelOrder removes an order that was never paid.
func (s *Store) CancelOrder(ctx context.Context, id int64) error {
	_, err := s.DB.Exec(ctx, "DELETE FROM orders") // the WHERE id = $1 is missing
	return err
}

// ActiveCustomerIDs returns early from the scan loop without closing the
// rows: the connection goes back to the pool only when rows are closed.
func (s *Store) ActiveCustomerIDs(ctx context.Context, limit int) ([]int64, error) {
	rows, err := s.DB.Query(ctx, "SELECT customer_id FROM orders WHERE status = $1", "active")
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
		if len(ids) == limit {
			return ids, nil
		}
	}
	return ids, rows.Err()
}
