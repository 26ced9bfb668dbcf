package store

import (
	"context"
	"fmt"
)

// Product is a row of products.
type Product struct {
	ID    int64
	SKU   string
	Title string
}

// Reserve takes quantity units out of stock: it reads the stock, computes
// the new value in Go and writes it back, so two concurrent orders can both
// succeed on the last unit.
func (s *Store) Reserve(ctx context.Context, productID int64, quantity int) error {
	var stock int
	if err := s.DB.QueryRow(ctx, "SELECT stock FROM products WHERE id = $1", productID).Scan(&stock); err != nil {
		return err
	}
	if stock < quantity {
		return fmt.Errorf("only %d left", stock)
	}
	_, err := s.DB.Exec(ctx, "UPDATE products SET stock = $1 WHERE id = $2", stock-quantity, productID)
	return err
}

// Restock adds to the stock atomically: correct.
func (s *Store) Restock(ctx context.Context, productID int64, quantity int) error {
	_, err := s.DB.Exec(ctx, "UPDATE products SET stock = stock + $1 WHERE id = $2", quantity, productID)
	return err
}

// Products lists products sorted by a column the caller chooses.
func (s *Store) Products(ctx context.Context, sortBy string) ([]Product, error) {
	rows, err := s.DB.Query(ctx, fmt.Sprintf("SELECT id, sku, title FROM products ORDER BY %s", sortBy))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Product
	for rows.Next() {
		var p Product
		if err := rows.Scan(&p.ID, &p.SKU, &p.Title); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
