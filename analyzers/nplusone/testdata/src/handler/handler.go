// Package handler serves HTTP: two calls from the query.
package handler

import (
	"encoding/json"
	"net/http"

	"service"
)

type Handler struct{ svc *service.Service }

func (h *Handler) Names(w http.ResponseWriter, r *http.Request) {
	var ids []int64
	if err := json.NewDecoder(r.Body).Decode(&ids); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		n, err := h.svc.CustomerName(r.Context(), id) // want `^query runs once per iteration of the loop over "ids" \(N\+1\): service.CustomerName -> store.GetCustomer -> SELECT id, name FROM customers WHERE id = \$1; load them in one query \(WHERE id = ANY\(\$1\)\) or join$`
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		names = append(names, n)
	}
	json.NewEncoder(w).Encode(names)
}

// Register builds handlers in a loop: they run per request, not per route.
func (h *Handler) Register(mux *http.ServeMux, paths []string) {
	for _, p := range paths {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			h.svc.CustomerName(r.Context(), 1)
		})
		mux.Handle(p+"/x", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.svc.CustomerName(r.Context(), 1)
		}))
	}
}

// Dashboards: a loop over a call whose function runs queries per item.
func (h *Handler) Dashboards(w http.ResponseWriter, r *http.Request, tenants []string) {
	for range tenants {
		h.svc.Dashboard(r.Context()) // want `^query runs once per iteration of the loop over "tenants" \(N\+1\): service.Dashboard -> store.OrdersByStatus -> SELECT id, customer_id FROM orders WHERE status = \$1; load them in one query \(WHERE status = ANY\(\$1\)\) or join$`
	}
}
