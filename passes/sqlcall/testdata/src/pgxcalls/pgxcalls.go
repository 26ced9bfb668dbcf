package pgxcalls

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type User struct {
	ID       int64
	Name     string `db:"full_name"`
	Internal string `db:"-"`
	secret   string
}

type Audited struct {
	User
	UpdatedBy string
}

func conn(ctx context.Context, c *pgx.Conn, id int64) {
	var name string
	_ = c.QueryRow(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)                              // want `^sql-call pgx query-row "SELECT name FROM users WHERE id = \$1" args=1 scan=1 recv=conn$`
	c.Exec(ctx, "DELETE FROM sessions WHERE expires_at < now()")                                             // want `^sql-call pgx exec "DELETE FROM sessions WHERE expires_at < now\(\)" args=0 scan=none recv=conn$`
	rows, _ := c.Query(ctx, "SELECT id, name FROM users WHERE id = $1", pgx.QueryExecModeSimpleProtocol, id) // want `^sql-call pgx query "SELECT id, name FROM users WHERE id = \$1" args=1 scan=2 recv=conn options=1$`
	defer rows.Close()
	for rows.Next() {
		var u User
		rows.Scan(&u.ID, &u.Name)
	}
}

func pool(ctx context.Context, p *pgxpool.Pool) ([]User, error) {
	rows, err := p.Query(ctx, "SELECT id, full_name FROM users") // want `^sql-call pgxpool query "SELECT id, full_name FROM users" args=0 scan=2 recv=pool via=RowToStructByName into=User cols=ID,full_name$`
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

func collectors(ctx context.Context, p *pgxpool.Pool) {
	rows, _ := p.Query(ctx, "SELECT count(*) FROM users") // want `query "SELECT count\(\*\) FROM users" args=0 scan=1 recv=pool via=RowTo$`
	n, _ := pgx.CollectOneRow(rows, pgx.RowTo[int64])
	_ = n
	rows2, _ := p.Query(ctx, "SELECT id, full_name, updated_by FROM audited") // want `scan=3 recv=pool via=RowToAddrOfStructByPos into=Audited cols=ID,full_name,UpdatedBy$`
	_, _ = pgx.CollectRows(rows2, pgx.RowToAddrOfStructByPos[Audited])
	var id int64
	var name string
	rows3, _ := p.Query(ctx, "SELECT id, name FROM users") // want `scan=2 recv=pool via=ForEachRow$`
	pgx.ForEachRow(rows3, []any{&id, &name}, func() error { return nil })
}

func named(ctx context.Context, c *pgx.Conn) {
	c.Query(ctx, "SELECT id FROM users WHERE name = @name AND id = @id", pgx.NamedArgs{"name": "x", "id": 1}) // want `^sql-call pgx query "SELECT id FROM users WHERE name = @name AND id = @id" args=1 scan=none recv=conn style=named-at named=\[name id\]$`
	args := pgx.StrictNamedArgs{"id": 1}
	c.Exec(ctx, "DELETE FROM users WHERE id = @id", args) // want `exec "DELETE FROM users WHERE id = @id" args=1 scan=none recv=conn style=named-at named=\[id\]$`
	dyn := pgx.NamedArgs{}
	dyn["id"] = 2
	c.Exec(ctx, "DELETE FROM users WHERE id = @id", dyn) // want `exec "DELETE FROM users WHERE id = @id" args=1 scan=none recv=conn style=named-at$`
}

func copyFrom(ctx context.Context, p *pgxpool.Pool, rows [][]any) {
	p.CopyFrom(ctx, pgx.Identifier{"public", "users"}, []string{"id", "name"}, pgx.CopyFromRows(rows)) // want `^sql-call pgxpool copy-from "COPY "public"."users" \("id", "name"\) FROM STDIN" args=1 scan=none recv=pool copy=public.users\(id,name\)$`
	cols := []string{"id"}
	p.CopyFrom(ctx, pgx.Identifier{"orders"}, cols, pgx.CopyFromRows(rows)) // want `copy-from "COPY "orders" \("id"\) FROM STDIN" args=1 scan=none recv=pool copy=orders\(id\)$`
}

func copyDynamic(ctx context.Context, c *pgx.Conn, table string, rows [][]any) {
	c.CopyFrom(ctx, pgx.Identifier{table}, []string{"id"}, pgx.CopyFromRows(rows)) // want `^sql-call pgx copy-from unresolved args=1`
}

func batch(ctx context.Context, p *pgxpool.Pool, ids []int64) {
	b := &pgx.Batch{}
	for _, id := range ids {
		b.Queue("UPDATE users SET seen = now() WHERE id = $1", id) // want `^sql-call pgx batch-queue "UPDATE users SET seen = now\(\) WHERE id = \$1" args=1 scan=none recv=batch$`
	}
	var name string
	b.Queue("SELECT name FROM users WHERE id = $1", 1).QueryRow(func(row pgx.Row) error { // want `^sql-call pgx batch-queue "SELECT name FROM users WHERE id = \$1" args=1 scan=1 recv=batch$`
		return row.Scan(&name)
	})
	br := p.SendBatch(ctx, b) // want `^sql-call pgxpool send-batch - args=0 scan=none recv=pool$`
	br.Close()
}

func tx(ctx context.Context, p *pgxpool.Pool) error {
	t, err := p.Begin(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback(ctx)
	t.Exec(ctx, "LOCK TABLE users IN SHARE MODE") // want `^sql-call pgx exec "LOCK TABLE users IN SHARE MODE" args=0 scan=none recv=tx$`
	return t.Commit(ctx)
}

func acquired(ctx context.Context, p *pgxpool.Pool) {
	c, _ := p.Acquire(ctx)
	defer c.Release()
	c.Exec(ctx, "LISTEN events") // want `^sql-call pgxpool exec "LISTEN events" args=0 scan=none recv=conn$`
}

func prepared(ctx context.Context, c *pgx.Conn, id int64) {
	c.Prepare(ctx, "get_user", "SELECT name FROM users WHERE id = $1") // want `^sql-call pgx prepare "SELECT name FROM users WHERE id = \$1" args=0 scan=none recv=conn$`
	var name string
	c.QueryRow(ctx, "get_user", id).Scan(&name) // want `^sql-call pgx query-row "SELECT name FROM users WHERE id = \$1" args=1 scan=1 recv=conn prepared name=get_user$`
	c.Exec(ctx, "other_statement", id)          // want `^sql-call pgx exec unresolved args=1 scan=none recv=conn name=other_statement$`
	c.Exec(ctx, "COMMIT")                       // want `^sql-call pgx exec "COMMIT" args=0`
}
