// Package service calls the store.
package service

import (
	"context"

	"store"
)

type Service struct{ store *store.Store }

func (s *Service) Dashboard(ctx context.Context, id int64) (string, error) { // want Dashboard:`^queries\(SELECT customers via store.GetCustomer\)$`
	c, err := s.store.GetCustomer(ctx, id)
	return c.Name, err
}

func (s *Service) Audit(ctx context.Context) error { // want Audit:`^queries\(INSERT audit_log via store.LogEvent\)$`
	return s.store.LogEvent(ctx, "audit")
}

// Deep goes further down.
func (s *Service) Deep(ctx context.Context, id int64) error { // want Deep:`^queries\(SELECT customers via store.LogAll -> store.getByID -> store.GetCustomer\)$`
	return s.store.LogAll(ctx, []int64{id})
}

// Batched uses the batch API only.
func (s *Service) Batched(ctx context.Context) error {
	return s.store.SendAll(ctx, nil)
}

// Handler returns a closure: building it runs nothing.
func (s *Service) Handler() func(context.Context) error {
	return func(ctx context.Context) error { return s.store.LogEvent(ctx, "x") }
}

func (s *Service) Interface(ctx context.Context, r store.Repo) error {
	return store.ThroughInterface(ctx, r)
}
