// Package handler serves HTTP and calls the service: two calls deep.
package handler

import (
	"net/http"

	"service"
)

type Handler struct{ svc *service.Service }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:`^queries\(SELECT customers via service.Dashboard -> store.GetCustomer\)$`
	name, _ := h.svc.Dashboard(r.Context(), 1)
	w.Write([]byte(name))
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.Handle("/x", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.svc.Dashboard(r.Context(), 1)
	}))
}

// Deeper is five functions from the query: the chain keeps its ends.
func (h *Handler) Deeper(r *http.Request) error { // want Deeper:`^queries\(SELECT customers via service.Deep -> \.\.\. -> store.GetCustomer\)$`
	return h.svc.Deep(r.Context(), 1)
}
