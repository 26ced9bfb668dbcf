// Package chi is a stub of github.com/go-chi/chi/v5 for tests.
package chi

import (
	"net/http"
)

// URLParam returns the url parameter from a http.Request object.
func URLParam(r *http.Request, key string) string { return "" }
