// Package pgxhttp: pgx and pgxpool calls fed from *http.Request data.
package pgxhttp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Server struct {
	pool *pgxpool.Pool
	conn *pgx.Conn
}

type listRequest struct {
	Sort   string `json:"sort"`
	Search string `json:"search"`
	Page   int    `json:"page"`
}

func (s *Server) Search(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.pool.Query(ctx, "SELECT id FROM items WHERE name = '"+r.URL.Query().Get("q")+"'") // want `^SQL text includes request data r.URL.Query\(\).Get\("q"\) \(concatenation at line 33\); pass it as a query argument \(\$1\)$`
	s.pool.Query(ctx, "SELECT id FROM items WHERE name = $1", r.URL.Query().Get("q"))   // an argument: fine
}

func (s *Server) Form(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name := strings.TrimSpace(r.FormValue("name"))
	s.conn.Exec(ctx, "DELETE FROM items WHERE name = '"+name+"'")                                                         // want `request data r.FormValue\("name"\) \(concatenation at line 40\)`
	s.conn.QueryRow(ctx, fmt.Sprintf("SELECT id FROM items WHERE owner = '%s' AND id = $1", r.PostFormValue("owner")), 1) // want `request data r.PostFormValue\("owner"\) \(fmt.Sprintf at line 41\); pass it as a query argument \(\$2\)`
	tenant := r.Header.Get("X-Tenant")
	s.pool.Exec(ctx, "SET search_path TO "+tenant) // want `request data r.Header.Get\("X-Tenant"\)`
}

func (s *Server) Paths(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.pool.Query(ctx, "SELECT id FROM "+r.PathValue("table"))               // want `request data r.PathValue\("table"\) \(concatenation at line 48\); choose it from a fixed set`
	s.pool.Query(ctx, "SELECT id FROM items ORDER BY "+mux.Vars(r)["sort"]) // want `request data mux.Vars\(r\)\["sort"\]`
	vars := mux.Vars(r)
	s.pool.Query(ctx, "SELECT id FROM items ORDER BY "+vars["col"])                      // want `request data mux.Vars\(r\)`
	s.pool.Query(ctx, "SELECT id FROM items WHERE slug = '"+chi.URLParam(r, "slug")+"'") // want `request data chi.URLParam\(r, "slug"\)`
	c, err := r.Cookie("theme")
	if err == nil {
		s.pool.Query(ctx, "SELECT id FROM themes WHERE name = '"+c.Value+"'") // want `request data c.Value`
	}
}

func (s *Server) Body(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	body, _ := io.ReadAll(r.Body)
	s.pool.Exec(ctx, "INSERT INTO notes (text) VALUES ('"+string(body)+"')") // want `request data io.ReadAll\(r.Body\) \(concatenation at line 62\); pass it as a query argument \(\$1\)`
	var req listRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return
	}
	s.pool.Query(ctx, "SELECT id FROM items ORDER BY "+req.Sort) // want `request data req.Sort \(concatenation at line 67\); choose it from a fixed set`
	s.pool.Query(ctx, fmt.Sprintf("SELECT id FROM items LIMIT 20 OFFSET %d", req.Page*20))
}

func (s *Server) Values(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	s.list(r.Context(), vals)
}

func (s *Server) list(ctx context.Context, q url.Values) {
	s.pool.Query(ctx, "SELECT id FROM items WHERE kind = '"+q.Get("kind")+"'") // want `request data q.Get\("kind"\)`
}

func (s *Server) Whole(w http.ResponseWriter, r *http.Request) {
	s.conn.Exec(r.Context(), r.FormValue("sql")) // want `^SQL text is request data r.FormValue\("sql"\); run a fixed statement and pass the values as query arguments \(\$1\)$`
}

func (s *Server) Batch(r *http.Request) {
	b := &pgx.Batch{}
	b.Queue("UPDATE items SET seen = true WHERE name = '" + r.FormValue("n") + "'") // want `request data r.FormValue\("n"\)`
	b.Queue("UPDATE items SET seen = true WHERE name = $1", r.FormValue("n"))
}

// --- silent

var orderBy = map[string]string{"name": "name", "new": "created_at DESC"}

func (s *Server) Safe(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	table := pgx.Identifier{r.URL.Query().Get("table")}.Sanitize()
	s.pool.Query(ctx, "SELECT id FROM "+table)
	page, err := strconv.Atoi(r.FormValue("page"))
	if err != nil {
		return
	}
	s.pool.Query(ctx, "SELECT id FROM items OFFSET "+strconv.Itoa(page*20))
	s.pool.Query(ctx, fmt.Sprintf("SELECT id FROM items LIMIT %d", page))
	col, ok := orderBy[r.URL.Query().Get("sort")]
	if !ok {
		col = "id"
	}
	s.pool.Query(ctx, "SELECT id FROM items ORDER BY "+col)
	dir := "ASC"
	if r.FormValue("dir") == "desc" {
		dir = "DESC"
	}
	s.pool.Query(ctx, "SELECT id FROM items ORDER BY id "+dir)
	s.pool.Query(ctx, "SELECT id FROM items WHERE method = '"+strings.ToLower(r.Context().Err().Error())+"'")
}
