// Package service calls the store across packages.
package service

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"

	"authors"
	"store"
)

type Service struct {
	store *store.Store
	sql   *store.SQLStore
}

// Dashboard is the classic N+1: the orders, then each one's customer.
func (s *Service) Dashboard(ctx context.Context) ([]string, error) {
	orders, err := s.store.OrdersByStatus(ctx, "open")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, o := range orders {
		c, err := s.store.GetCustomer(ctx, o.CustomerID) // want `^query runs once per iteration of the loop over "orders" \(loaded by store.OrdersByStatus\) \(N\+1\): store.GetCustomer -> SELECT id, name FROM customers WHERE id = \$1; load them in one query \(WHERE id = ANY\(\$1\)\) or join$`
		if err != nil {
			return nil, err
		}
		names = append(names, c.Name)
	}
	return names, nil
}

// CustomerName is one call away from the query.
func (s *Service) CustomerName(ctx context.Context, id int64) (string, error) {
	c, err := s.store.GetCustomer(ctx, id)
	return c.Name, err
}

// Batched loads per chunk with = ANY($1): the fix.
func (s *Service) Batched(ctx context.Context, chunks [][]int64) error {
	for _, chunk := range chunks {
		if _, err := s.store.CustomersByIDs(ctx, chunk); err != nil {
			return err
		}
	}
	return nil
}

// FanOut starts a goroutine per id.
func (s *Service) FanOut(ctx context.Context, ids []int64) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.store.GetCustomer(ctx, id) // want `^query runs in a goroutine started once per iteration of the loop over "ids": they run in parallel and exhaust the pool \(N\+1\): store.GetCustomer -> SELECT id, name FROM customers WHERE id = \$1; load them in one query \(WHERE id = ANY\(\$1\)\) or join$`
		}()
	}
	wg.Wait()
	for _, id := range ids {
		go s.store.GetCustomer(ctx, id) // want `^query runs in a goroutine started once per iteration of the loop over "ids"`
	}
}

// Group starts an errgroup task per id.
func (s *Service) Group(ctx context.Context, ids []int64) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		g.Go(func() error {
			_, err := s.store.GetCustomer(ctx, id) // want `^query runs in a goroutine started once per iteration of the loop over "ids": they run in parallel`
			return err
		})
	}
	for _, id := range ids {
		g.Go(func() error {
			return s.store.SaveItem(ctx, id, "gift") // want `^INSERT runs in a goroutine started once per iteration of the loop over "ids": they run in parallel and exhaust the pool: store.SaveItem -> INSERT INTO order_items`
		})
	}
	return g.Wait()
}

// AddItems writes through the store.
func (s *Service) AddItems(ctx context.Context, orderID int64, skus []string) error {
	for _, sku := range skus {
		if err := s.store.SaveItem(ctx, orderID, sku); err != nil { // want `^INSERT runs once per iteration of the loop over "skus": store.SaveItem -> INSERT INTO order_items \(order_id, sku\) VALUES \(\$1, \$2\); insert them`
			return err
		}
	}
	return nil
}

// Closure: a local bound to a closure that queries.
func (s *Service) Closure(ctx context.Context, ids []int64) {
	load := func(id int64) error {
		_, err := s.store.GetCustomer(ctx, id)
		return err
	}
	for _, id := range ids {
		load(id) // want `^query runs once per iteration of the loop over "ids" \(N\+1\): load -> store.GetCustomer -> SELECT`
	}
	get := s.store.GetCustomer
	for _, id := range ids {
		get(ctx, id) // want `^query runs once per iteration of the loop over "ids" \(N\+1\): get -> store.GetCustomer -> SELECT`
	}
}

// Handlers builds closures in a loop: they run later, not per iteration.
func (s *Service) Handlers(ctx context.Context, ids []int64) []func() {
	var out []func()
	for _, id := range ids {
		out = append(out, func() { s.store.GetCustomer(ctx, id) })
	}
	var once sync.Once
	for _, id := range ids {
		once.Do(func() { s.store.GetCustomer(ctx, id) })
	}
	return out
}

// Repo is a user interface: calls through it are not followed.
type Repo interface {
	Find(ctx context.Context, id int64) (store.Customer, error)
}

func (s *Service) ThroughInterface(ctx context.Context, r Repo, ids []int64) {
	for _, id := range ids {
		r.Find(ctx, id)
	}
}

// Emails is database/sql through a method.
func (s *Service) Emails(ctx context.Context, ids []int64) {
	for _, id := range ids {
		s.sql.Email(ctx, id) // want `^query runs once per iteration of the loop over "ids" \(N\+1\): store.Email -> SELECT email FROM users WHERE id = \$1`
	}
}

// LoopOverCall ranges over a call that loads the collection.
func (s *Service) LoopOverCall(ctx context.Context) {
	orders, _ := s.store.OrdersByStatus(ctx, "paid")
	_ = orders
	for _, o := range s.mustOrders(ctx) {
		s.store.GetCustomer(ctx, o.CustomerID) // want `^query runs once per iteration of the loop over "s.mustOrders\(ctx\)" \(loaded by service.mustOrders\)`
	}
}

func (s *Service) mustOrders(ctx context.Context) []store.Order {
	orders, _ := s.store.OrdersByStatus(ctx, "open")
	return orders
}

// Authors goes through sqlc-generated code.
func (s *Service) Authors(ctx context.Context, q *authors.Queries, ids []int64) {
	list, _ := q.ListAuthors(ctx)
	for _, a := range list {
		q.GetAuthor(ctx, a.ID) // want `^query runs once per iteration of the loop over "list" \(loaded by authors.ListAuthors\) \(N\+1\): authors.GetAuthor -> SELECT id, name FROM authors WHERE id = \$1 LIMIT 1; load them in one query \(WHERE id = ANY\(\$1\)\) or join$`
	}
}
