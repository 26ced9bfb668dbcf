package sqlschema

import (
	"strings"
	"testing"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

const bindSchema = `
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text NOT NULL, nickname text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), total numeric(10,2) NOT NULL, note text, status text NOT NULL DEFAULT 'new');
CREATE TABLE legacy (id int PRIMARY KEY);
DROP TABLE legacy;
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE orders DROP COLUMN note;
CREATE VIEW user_emails AS SELECT id, email FROM users;
CREATE TABLE tags (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text NOT NULL, id2 int NOT NULL);
`

func bindCatalog(t *testing.T) *Catalog {
	t.Helper()
	c := New()
	if err := c.ApplySQL("schema.sql", bindSchema); err != nil {
		t.Fatal(err)
	}
	return c
}

func bindOne(t *testing.T, c *Catalog, sql string) *Binding {
	t.Helper()
	st, err := pgsql.ParseOne(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	return Bind(c, st.Node)
}

func problems(b *Binding) string {
	var out []string
	for _, p := range b.Problems {
		s := string(p.Kind) + ": " + p.Message
		if p.Tombstone != nil {
			s += "; " + p.Tombstone.Describe()
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

func TestBindProblems(t *testing.T) {
	c := bindCatalog(t)
	tests := []struct {
		sql  string
		want string // problems, one per line; "" means none
	}{
		{"SELECT id, email FROM users WHERE id = $1", ""},
		{"SELECT emial FROM users", `unknown-column: column "emial" does not exist in "users"; did you mean "email"?`},
		{"SELECT name FROM users", `unknown-column: column "name" does not exist in "users"; renamed to "full_name" by schema.sql:6`},
		{"SELECT o.note FROM orders o", `unknown-column: column "o.note" does not exist in "orders"; dropped by schema.sql:7`},
		{"SELECT * FROM legacy", `unknown-table: relation "legacy" does not exist; dropped by schema.sql:5`},
		{"SELECT * FROM nosuch", `unknown-table: relation "nosuch" does not exist`},
		{"SELECT id FROM users u JOIN orders o ON o.user_id = u.id", `ambiguous-column: column reference "id" is ambiguous (in "u", "o"); qualify it with the table name or alias`},
		{"SELECT u.id, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.email = $1", ""},
		{"SELECT x.id FROM users u", `unknown-table: missing FROM-clause entry for table "x"`},
		{"WITH big AS (SELECT user_id, sum(total) AS s FROM orders GROUP BY user_id) SELECT u.email, b.s FROM users u JOIN big b ON b.user_id = u.id ORDER BY b.s DESC", ""},
		{"WITH big AS (SELECT user_id FROM orders) SELECT b.total FROM big b", `unknown-column: column "b.total" does not exist in "b"`},
		{"SELECT email AS e FROM users ORDER BY e", ""},
		{"SELECT id FROM users WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = users.id)", ""},
		{"SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE totl > 5)", `unknown-column: column "totl" does not exist in "orders"; did you mean "total"?`},
		{"SELECT g FROM generate_series(1, 10) g", ""},
		{"SELECT foo FROM users, unnest($1::int[]) AS x", ""},
		{"SELECT id, email FROM user_emails", ""},
		{"SELECT full_name FROM user_emails", `unknown-column: column "full_name" does not exist in "user_emails"`},
		{"SELECT relname FROM pg_catalog.pg_class", ""},
		{"SELECT id FROM users JOIN orders USING (id)", ""},
		{"INSERT INTO users (id, email, full_name) VALUES ($1, $2, $3) RETURNING id", ""},
		{"INSERT INTO users (id, emial, full_name) VALUES ($1, $2, $3)", `unknown-column: column "emial" of relation "users" does not exist; did you mean "email"?`},
		{"INSERT INTO users (id, email) VALUES ($1, $2)", `insert-not-null: INSERT into "users" omits column "full_name", NOT NULL without a default; the insert fails with a not-null violation`},
		{"INSERT INTO users (id, email, full_name) VALUES ($1, $2)", `insert-arity: INSERT has more target columns (3) than expressions (2)`},
		{"INSERT INTO users (id, email, full_name) VALUES ($1, $2, $3, $4)", `insert-arity: INSERT has more expressions (4) than target columns (3)`},
		{"INSERT INTO orders (user_id, total) VALUES ($1, $2)", ""},
		{"INSERT INTO tags (label, id2) SELECT email, 1 FROM users", ""},
		{"INSERT INTO users (id, email, full_name) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name", ""},
		{"INSERT INTO users (id, email, full_name) VALUES ($1, $2, $3) ON CONFLICT (emial) DO NOTHING", `unknown-column: column "emial" of relation "users" does not exist; did you mean "email"?`},
		{"UPDATE users SET full_name = $1 WHERE id = $2", ""},
		{"UPDATE users SET fullname = $1 WHERE id = $2", `unknown-column: column "fullname" of relation "users" does not exist; did you mean "full_name"?`},
		{"UPDATE orders o SET total = o.total + 1 FROM users u WHERE u.id = o.user_id AND u.email = $1", ""},
		{"DELETE FROM orders WHERE status = $1 RETURNING id, total", ""},
		{"DELETE FROM orders o USING users u WHERE o.user_id = u.id AND u.nick = $1", `unknown-column: column "u.nick" does not exist in "users"; did you mean "nickname"?`},
		{"SELECT count(*) FROM (SELECT id FROM users) s WHERE s.id > 0", ""},
		{"SELECT __dblint_dyn_1__ FROM users", ""},
		{"WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT n FROM t", ""},
		{"SELECT id FROM users UNION SELECT user_id FROM orders ORDER BY id", ""},
	}
	for _, tt := range tests {
		b := bindOne(t, c, tt.sql)
		if got := problems(b); got != tt.want {
			t.Errorf("%s\n got: %s\nwant: %s", tt.sql, got, tt.want)
		}
	}
}

func TestBindOutput(t *testing.T) {
	c := bindCatalog(t)
	tests := []struct {
		sql  string
		want string // name:type:nullability, ...
	}{
		{"SELECT * FROM users", "id:int8:N email:text:N full_name:text:N nickname:text:Y created_at:timestamptz:N"},
		{"SELECT u.email, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id", "email:text:N total:numeric(10,2):Y"},
		{"SELECT count(*), max(total), coalesce(sum(total), 0) FROM orders", "count:int8:N max:numeric(10,2):Y coalesce::N"},
		{"INSERT INTO orders (user_id, total) VALUES ($1, $2) RETURNING id, status", "id:int8:N status:text:N"},
		{"SELECT * FROM user_emails", "id:int8:? email:text:?"},
		{"SELECT o.* FROM orders o", "id:int8:N user_id:int8:N total:numeric(10,2):N status:text:N"},
		{"SELECT (SELECT email FROM users LIMIT 1) AS e, 1 AS one, $1::int8 AS p", "e::Y one:int4:N p:int8:?"},
	}
	for _, tt := range tests {
		b := bindOne(t, c, tt.sql)
		if !b.OutputKnown {
			t.Errorf("%s: output unknown", tt.sql)
			continue
		}
		var parts []string
		for _, o := range b.Output {
			n := map[Nullability]string{NullUnknown: "?", NotNullable: "N", Nullable: "Y"}[o.Nullable]
			parts = append(parts, o.Name+":"+o.Type+":"+n)
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("%s\n got: %s\nwant: %s", tt.sql, got, tt.want)
		}
	}
}

func TestBindParamsAndWhere(t *testing.T) {
	c := bindCatalog(t)
	b := bindOne(t, c, "UPDATE users SET email = $2 WHERE id = $1 AND $3::bool")
	if b.MaxParam != 3 || len(b.Params) != 3 || !b.HasWhere || b.Target == nil || b.Target.Name != "users" {
		t.Errorf("got max=%d params=%v where=%v target=%v", b.MaxParam, b.Params, b.HasWhere, b.Target)
	}
	b = bindOne(t, c, "DELETE FROM orders")
	if b.HasWhere {
		t.Error("DELETE without WHERE has where")
	}
	if b := Bind(nil, nil); b.Command != "other" {
		t.Error("nil statement")
	}
}

func FuzzBind(f *testing.F) {
	for _, s := range []string{"SELECT * FROM users u JOIN orders o USING (id)", "WITH RECURSIVE t AS (SELECT 1) SELECT * FROM t", "INSERT INTO users DEFAULT VALUES", "UPDATE orders SET total = 1"} {
		f.Add(s)
	}
	c := New()
	if err := c.ApplySQL("schema.sql", bindSchema); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		res, err := pgsql.ParseUncached(sql)
		if err != nil {
			return
		}
		for _, st := range res.Statements {
			Bind(c, st.Node)
		}
	})
}
