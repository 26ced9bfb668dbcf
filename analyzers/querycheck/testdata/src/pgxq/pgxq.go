package pgxq

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type User struct {
	ID       int64
	Email    string
	FullName string `db:"full_name"`
	Nickname *string
}

type Thin struct {
	ID    int64
	Email string
}

func run(ctx context.Context, pool *pgxpool.Pool, conn *pgx.Conn, id int64) {
	var email string
	pool.QueryRow(ctx, "SELECT email FROM users WHERE id = $1", id).Scan(&email)
	pool.QueryRow(ctx, "SELECT emial FROM users WHERE id = $1", id).Scan(&email) // want `column "emial" does not exist`
	conn.Exec(ctx, "UPDATE users SET nickname = @nick WHERE id = @id", pgx.NamedArgs{"nick": "x", "id": id})
	conn.Exec(ctx, "UPDATE users SET nickname = @nick WHERE id = @id", pgx.NamedArgs{"nick": "x"}) // want `query uses @id but the named arguments have no such key`
	conn.Exec(ctx, "UPDATE users SET nickname = $1 WHERE id = $2", pgx.QueryExecModeSimpleProtocol, "x", id)

	rows, _ := pool.Query(ctx, "SELECT id, email, full_name, nickname FROM users")
	pgx.CollectRows(rows, pgx.RowToStructByName[User])
	rows2, _ := pool.Query(ctx, "SELECT id, email, full_name FROM users")
	pgx.CollectRows(rows2, pgx.RowToStructByName[Thin]) // want `query returns column "full_name" but Thin has no field for it`

	b := &pgx.Batch{}
	b.Queue("INSERT INTO orders (user_id, total) VALUES ($1, $2)", id, 10)
	b.Queue("INSERT INTO orderz (user_id) VALUES ($1)", id) // want `relation "orderz" does not exist`
}
