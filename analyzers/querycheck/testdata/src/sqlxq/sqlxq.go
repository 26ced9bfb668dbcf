package sqlxq

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID       int64   `db:"id"`
	Email    string  `db:"email"`
	Nickname *string `db:"nickname"`
}

func run(ctx context.Context, db *sqlx.DB, ids []int64) {
	var users []User
	db.SelectContext(ctx, &users, "SELECT id, email, nickname FROM users")
	db.SelectContext(ctx, &users, "SELECT id, email, full_name FROM users") // want `query returns column "full_name" but User has no field for it`
	q, args, _ := sqlx.In("SELECT id, email, nickname FROM users WHERE id IN (?)", ids)
	q = db.Rebind(q)
	db.SelectContext(ctx, &users, q, args...)
	db.GetContext(ctx, &users, "SELECT id, email FROM users WHERE id = $1 AND email = $2", 1) // want `query uses 2 placeholders \(\$n\) but 1 argument is passed`
	db.GetContext(ctx, &users, "SELECT id, email FROM users WHERE id = ?", 1)                  // want `syntax error at end of input in .*; PostgreSQL placeholders are \$1, \$2, ... \(with sqlx, rewrite \? with db.Rebind\)`
	db.NamedExecContext(ctx, "INSERT INTO users (id, email, full_name) VALUES (:id, :email, :name)", map[string]any{"id": 1}) // want `query uses :email, :name but the named arguments have no such key`
	db.NamedExecContext(ctx, "INSERT INTO users (id, email, full_name) VALUES (:id, :email, :name)", map[string]any{"id": 1, "email": "e", "name": "n"})
	u := User{}
	db.NamedExecContext(ctx, "UPDATE users SET nickname = :nickname WHERE id = :id", u)
	db.NamedExecContext(ctx, "UPDATE users SET nickname = :nick WHERE id = :id", &u) // want `query uses :nick but User has no field for it \(named parameters bind from db tags or lowercased field names\)`
	db.NamedExecContext(ctx, "INSERT INTO users (id, email, full_name) VALUES (:id, :email, :email)", []User{u})
}
