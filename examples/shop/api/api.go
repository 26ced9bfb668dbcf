// Package api serves the example shop over HTTP.
package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"example.com/shop/store"
)

// Handler serves the API.
type Handler struct {
	Store *store.Store
}

// CustomersWithOrders loads the orders, then each customer one by one.
func (h *Handler) CustomersWithOrders(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	orders, err := h.Store.OrdersByStatus(ctx, r.URL.Query().Get("status"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var out []*store.Customer
	for _, o := range orders {
		c, err := h.Store.GetCustomer(ctx, o.CustomerID)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out = append(out, c)
	}
	_ = json.NewEncoder(w).Encode(out)
}

// Customer serves one customer.
func (h *Handler) Customer(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	c, err := h.Store.GetCustomer(r.Context(), id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(c)
}
