package iface

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
)

// A user interface shaped like *sql.DB.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Same name, different shape: not a database call.
type Cache interface {
	Exec(key string) error
	QueryRow(ctx context.Context, key string) string
}

// A pgx.Tx embedded in a struct: the promoted method is pgx.Tx's.
type unitOfWork struct {
	pgx.Tx
}

func use(ctx context.Context, q Querier, c Cache, u unitOfWork) {
	var n int
	q.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n) // want `^sql-call database/sql query-row "SELECT count\(\*\) FROM users" args=0 scan=1 recv=unknown iface$`
	q.ExecContext(ctx, "DELETE FROM users")                       // want `^sql-call database/sql exec "DELETE FROM users" args=0 scan=none recv=unknown iface$`
	c.Exec("SELECT 1")
	c.QueryRow(ctx, "SELECT 1")
	u.Exec(ctx, "DELETE FROM sessions") // want `^sql-call pgx exec "DELETE FROM sessions" args=0 scan=none recv=tx$`
}
