package stdsql

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

func unknownColumn(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT id, emial FROM users") // want `column "emial" does not exist in "users"; did you mean "email"\?`
	db.QueryContext(ctx, "SELECT id, email FROM users")
}

func renamedAndDropped(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT name FROM users")           // want `column "name" does not exist in "users"; renamed to "full_name" by .*002_changes.up.sql:1`
	db.QueryContext(ctx, "SELECT o.note FROM orders o")      // want `column "o.note" does not exist in "orders"; dropped by .*002_changes.up.sql:2`
	db.QueryContext(ctx, "SELECT * FROM audit")              // want `relation "audit" does not exist; dropped by .*002_changes.up.sql:3`
	db.QueryContext(ctx, "SELECT * FROM nosuch WHERE x = 1") // want `relation "nosuch" does not exist`
}

func aliasesJoinsCTEs(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT u.id, o.total FROM users u JOIN orders o ON o.user_id = u.id")
	db.QueryContext(ctx, "SELECT id FROM users u JOIN orders o ON o.user_id = u.id") // want `column reference "id" is ambiguous`
	db.QueryContext(ctx, `WITH big AS (SELECT user_id, sum(total) AS s FROM orders GROUP BY user_id)
		SELECT u.email, b.s FROM users u JOIN big b ON b.user_id = u.id`)
	db.QueryContext(ctx, "SELECT id, email FROM user_emails")
}

func placeholders(ctx context.Context, db *sql.DB, id int64) {
	db.QueryRowContext(ctx, "SELECT email FROM users WHERE id = $1 AND email = $2", id) // want `query uses 2 placeholders \(\$n\) but 1 argument is passed`
	db.QueryRowContext(ctx, "SELECT email FROM users WHERE id = $1", id)
	db.ExecContext(ctx, "UPDATE users SET email = $1 WHERE id = $3", "a", 1, 2) // want `query skips placeholder \$2`
}

func scans(ctx context.Context, db *sql.DB, id int64) {
	var email, nick string
	var pnick *string
	var nnick sql.NullString
	var created time.Time
	db.QueryRowContext(ctx, "SELECT email, nickname FROM users WHERE id = $1", id).Scan(&email) // want `Scan has 1 target but the query returns 2 columns \(email, nickname\)`
	db.QueryRowContext(ctx, "SELECT nickname FROM users WHERE id = $1", id).Scan(&nick)         // want `column "nickname" can be NULL \(users.nickname is nullable\) but is scanned into string`
	db.QueryRowContext(ctx, "SELECT nickname FROM users WHERE id = $1", id).Scan(&pnick)
	db.QueryRowContext(ctx, "SELECT nickname FROM users WHERE id = $1", id).Scan(&nnick)
	db.QueryRowContext(ctx, "SELECT coalesce(nickname, '') FROM users WHERE id = $1", id).Scan(&nick)
	db.QueryRowContext(ctx, "SELECT * FROM users WHERE id = $1", id).Scan(&id, &email, &nick, &pnick, &created)
	db.QueryRowContext(ctx, "SELECT * FROM users WHERE id = $1", id).Scan(&id, &email) // want `Scan has 2 targets but the query returns 5 columns`
	db.QueryRowContext(ctx, "SELECT u.email, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id").Scan(&email, &nick) // want `column "total" can be NULL`
	db.QueryRowContext(ctx, "SELECT max(created_at) FROM users").Scan(&created)   // want `column "max" can be NULL`
	db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&id)
	db.QueryRowContext(ctx, "SELECT nickname FROM user_emails WHERE id = $1", id).Scan(&nick)

	rows, _ := db.QueryContext(ctx, "SELECT id, nickname FROM users")
	defer rows.Close()
	for rows.Next() {
		rows.Scan(&id, &nick) // want `column "nickname" can be NULL`
	}
}

func inserts(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, "INSERT INTO users (id, email) VALUES ($1, $2)", 1, "a") // want `INSERT into "users" omits column "full_name", NOT NULL without a default`
	db.ExecContext(ctx, "INSERT INTO users (id, email, full_name) VALUES ($1, $2, $3)", 1, "a", "b")
	db.ExecContext(ctx, "INSERT INTO users (id, email, full_name) VALUES ($1, $2)", 1, "a") // want `INSERT has more target columns \(3\) than expressions \(2\)`
	var id int64
	db.QueryRowContext(ctx, "INSERT INTO orders (user_id, total) VALUES ($1, $2) RETURNING id", 1, 2).Scan(&id)
	db.ExecContext(ctx, "INSERT INTO orders (user_id, total) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET total = EXCLUDED.total", 1, 2)
}

func withoutWhere(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, "DELETE FROM orders")                  // want `DELETE on "orders" has no WHERE clause and deletes every row`
	db.ExecContext(ctx, "UPDATE orders SET status = 'x'")      // want `UPDATE on "orders" has no WHERE clause and changes every row`
	db.ExecContext(ctx, "DELETE FROM orders WHERE status = $1", "x")
	//dblint:ignore delete-without-where nightly cleanup empties the table on purpose
	db.ExecContext(ctx, "DELETE FROM orders")
}

func syntax(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT id FROM users WHERE") // want `syntax error at end of input`
	db.QueryContext(ctx, "SELEC id FROM users")        // want `syntax error at or near "SELEC"`
}

func dynamic(ctx context.Context, db *sql.DB, table, col string) {
	// Holes are never guessed: the dynamic parts are not checked.
	db.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM users", col))
	db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM %s WHERE", table))
	db.QueryContext(ctx, fmt.Sprintf("SELECT emial FROM users ORDER BY %s", col)) // want `column "emial" does not exist`
}

func variants(ctx context.Context, db *sql.DB, all bool) {
	q := "SELECT id FROM users"
	if all {
		q = "SELECT id FROM userz"
	}
	db.QueryContext(ctx, q) // want `relation "userz" does not exist`

	// A multi-line literal: the finding stays on the line of the SQL argument.
	db.QueryContext(ctx, /* want "column \"emial\" does not exist" */ `
		SELECT id,
		       emial
		FROM users`)
}
