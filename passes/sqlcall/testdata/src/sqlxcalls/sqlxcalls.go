package sqlxcalls

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID        int64 `db:"id"`
	Name      string
	CreatedAt time.Time `db:"created_at"`
}

func dest(ctx context.Context, db *sqlx.DB) {
	var u User
	db.Get(&u, "SELECT id, name, created_at FROM users WHERE id = $1", 1) // want `^sql-call sqlx get "SELECT id, name, created_at FROM users WHERE id = \$1" args=1 scan=3 recv=pool via=sqlx-dest into=User cols=id,name,created_at$`
	var users []*User
	db.SelectContext(ctx, &users, "SELECT id, name, created_at FROM users") // want `^sql-call sqlx select "SELECT id, name, created_at FROM users" args=0 scan=3 recv=pool via=sqlx-dest into=User`
	var n int
	db.Get(&n, "SELECT count(*) FROM users") // want `get "SELECT count\(\*\) FROM users" args=0 scan=1 recv=pool via=sqlx-dest$`
	var times []time.Time
	db.Select(&times, "SELECT created_at FROM users") // want `select "SELECT created_at FROM users" args=0 scan=1 recv=pool via=sqlx-dest$`
}

func in(db *sqlx.DB, ids []int64) error {
	var users []User
	q, args, err := sqlx.In("SELECT id, name, created_at FROM users WHERE id IN (?)", ids)
	if err != nil {
		return err
	}
	q = db.Rebind(q)
	return db.Select(&users, q, args...) // want `^sql-call sqlx select "SELECT id, name, created_at FROM users WHERE id IN \(\?\)" args=1 scan=3 recv=pool style=question via=sqlx-dest into=User cols=id,name,created_at rewrites=sqlx.In,sqlx.Rebind ellipsis$`
}

func rebindOnly(tx *sqlx.Tx, id int64) {
	tx.MustExec(tx.Rebind("DELETE FROM users WHERE id = ?"), id) // want `^sql-call sqlx exec "DELETE FROM users WHERE id = \?" args=1 scan=none recv=tx style=question rewrites=sqlx.Rebind$`
}

func named(db *sqlx.DB, u User, us []User) {
	db.NamedExec("INSERT INTO users (id, name) VALUES (:id, :name)", u)                                                       // want `^sql-call sqlx named-exec "INSERT INTO users \(id, name\) VALUES \(:id, :name\)" args=1 scan=none recv=pool style=named-colon struct=User$`
	db.NamedExec("INSERT INTO users (id, name) VALUES (:id, :name)", us)                                                      // want `named-exec .* struct=User$`
	db.NamedExec("UPDATE users SET name = :name WHERE id = :id", map[string]any{"name": "x", "id": 1})                        // want `named-exec "UPDATE users SET name = :name WHERE id = :id" args=1 scan=none recv=pool style=named-colon named=\[name id\]$`
	rows, _ := db.NamedQuery("SELECT id, name FROM users WHERE created_at::date = :day", map[string]any{"day": "2020-01-01"}) // want `named-query .* scan=3 recv=pool style=named-colon via=StructScan into=User`
	for rows.Next() {
		var got User
		rows.StructScan(&got)
	}
}

func queryx(db *sqlx.DB) {
	rows, _ := db.Queryx("SELECT id, name FROM users") // want `^sql-call sqlx query "SELECT id, name FROM users" args=0 scan=3 recv=pool via=StructScan into=User`
	for rows.Next() {
		var u User
		rows.StructScan(&u)
	}
	var id int64
	db.QueryRowx("SELECT id FROM users LIMIT 1").Scan(&id) // want `query-row "SELECT id FROM users LIMIT 1" args=0 scan=1 recv=pool$`
	db.Query("SELECT 1")                                   // want `^sql-call database/sql query "SELECT 1" args=0 scan=none recv=pool$`
}

func packageFuncs(ctx context.Context, db *sqlx.DB, tx *sqlx.Tx, q sqlx.QueryerContext) {
	var users []User
	sqlx.Select(db, &users, "SELECT id, name, created_at FROM users")               // want `^sql-call sqlx select "SELECT id, name, created_at FROM users" args=0 scan=3 recv=pool via=sqlx-dest`
	sqlx.SelectContext(ctx, q, &users, "SELECT id, name, created_at FROM users")    // want `select .* recv=unknown via=sqlx-dest`
	sqlx.MustExec(tx, "DELETE FROM users")                                          // want `^sql-call sqlx exec "DELETE FROM users" args=0 scan=none recv=tx$`
	sqlx.NamedExec(db, "DELETE FROM users WHERE id = :id", map[string]any{"id": 1}) // want `named-exec .* recv=pool style=named-colon named=\[id\]$`
}

func stmts(db *sqlx.DB, tx *sqlx.Tx) {
	stmt, _ := db.Preparex("SELECT id, name, created_at FROM users WHERE id = $1") // want `^sql-call sqlx prepare`
	var u User
	stmt.Get(&u, 1)                                                                       // want `^sql-call sqlx get "SELECT id, name, created_at FROM users WHERE id = \$1" args=1 scan=3 recv=stmt via=sqlx-dest into=User cols=id,name,created_at prepared$`
	tx.Stmtx(stmt).MustExec(2)                                                            // want `^sql-call sqlx exec "SELECT id, name, created_at FROM users WHERE id = \$1" args=1 scan=none recv=stmt prepared$`
	ns, _ := db.PrepareNamed("SELECT id, name, created_at FROM users WHERE name = :name") // want `prepare .* style=named-colon$`
	var users []User
	ns.Select(&users, map[string]any{"name": "x"}) // want `^sql-call sqlx select "SELECT id, name, created_at FROM users WHERE name = :name" args=1 scan=3 recv=stmt style=named-colon via=sqlx-dest into=User cols=id,name,created_at named=\[name\] prepared$`
}

func onConn(ctx context.Context, c *sqlx.Conn) {
	var n int
	c.GetContext(ctx, &n, "SELECT 1") // want `get "SELECT 1" args=0 scan=1 recv=conn via=sqlx-dest$`
}
