// Package poolpercall: pool-per-call, each finding beside its near-miss.
package poolpercall

import (
	"context"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type server struct{ dsn string }

// Finding: a pool per request.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	pool, err := pgxpool.New(r.Context(), s.dsn) // want `pgxpool.New in HTTP handler "ServeHTTP" opens a new connection pool on every request, paying a connection handshake each time and multiplying connections under load; open it once at startup and share it`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer pool.Close()
}

func routes(mux *http.ServeMux, dsn string) {
	mux.HandleFunc("/users", func(w http.ResponseWriter, r *http.Request) {
		conn, err := pgx.Connect(r.Context(), dsn) // want `pgx.Connect in HTTP handler literal opens a new connection on every request`
		if err != nil {
			return
		}
		defer conn.Close(r.Context())
	})
}

// Near-miss: a constructor called once.
func newPool(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	return pgxpool.New(ctx, dsn)
}

// Finding: a pool per iteration, to the same database, closed each time.
func touchAll(ctx context.Context, dsn string, ids []int64) error {
	for _, id := range ids {
		pool, err := pgxpool.New(ctx, dsn) // want `pgxpool.New inside a loop opens a new connection pool on every iteration; open it once before the loop and share it`
		if err != nil {
			return err
		}
		_, err = pool.Exec(ctx, "UPDATE users SET seen = now() WHERE id = $1", id)
		pool.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// Near-miss: one database per iteration.
func vacuumAll(ctx context.Context, dsns []string) error {
	for _, dsn := range dsns {
		pool, err := pgxpool.New(ctx, dsn)
		if err != nil {
			return err
		}
		_, err = pool.Exec(ctx, "VACUUM")
		pool.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// Near-miss: connect with retry; one pool per shard, kept.
func connectRetry(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	var err error
	for i := 0; i < 5; i++ {
		var pool *pgxpool.Pool
		pool, err = pgxpool.New(ctx, dsn)
		if err == nil {
			return pool, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

func shards(ctx context.Context, dsns []string) ([]*pgxpool.Pool, error) {
	var pools []*pgxpool.Pool
	for _, dsn := range dsns {
		pool, err := pgxpool.New(ctx, dsn)
		if err != nil {
			return nil, err
		}
		pools = append(pools, pool)
	}
	return pools, nil
}
