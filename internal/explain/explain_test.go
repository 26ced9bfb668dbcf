package explain

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/dblint/dblint/internal/pgtest"
	"github.com/dblint/dblint/sqlschema/load/livedb"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestAllowed(t *testing.T) {
	ok := []string{
		"BEGIN TRANSACTION READ ONLY",
		"ROLLBACK",
		"SET LOCAL statement_timeout = 5000",
		"SET LOCAL lock_timeout = 1000",
		"SET LOCAL plan_cache_mode = force_generic_plan",
		"PREPARE dblint_q_1 AS SELECT id FROM orders WHERE customer_id = $1",
		"PREPARE dblint_q_2 AS UPDATE orders SET note = $2 WHERE id = $1",
		"PREPARE dblint_q_3 AS DELETE FROM orders WHERE id = $1",
		"PREPARE dblint_q_4 AS WITH x AS (SELECT 1) SELECT * FROM x",
		"EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE dblint_q_1(NULL)",
		"EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE dblint_q_2(NULL, NULL)",
		"EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE dblint_q_5",
		"DEALLOCATE dblint_q_1",
	}
	for _, s := range ok {
		if err := Allowed(s); err != nil {
			t.Errorf("Allowed(%q) = %v, want nil", s, err)
		}
	}
	refused := []string{
		"",
		"BEGIN",
		"COMMIT",
		"SELECT 1",
		"UPDATE orders SET note = 'x'",
		"EXPLAIN ANALYZE EXECUTE dblint_q_1(NULL)",
		"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE dblint_q_1(NULL)",
		"EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE dblint_q_1(1)",
		"EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE dblint_q_1(NULL); DROP TABLE orders",
		"EXPLAIN (VERBOSE, FORMAT JSON) SELECT 1",
		"PREPARE dblint_q_1 AS INSERT INTO orders (id) VALUES ($1)",
		"PREPARE dblint_q_1 AS SELECT 1; DROP TABLE orders",
		"PREPARE dblint_q_1 AS SELECT * INTO copy FROM orders",
		"PREPARE dblint_q_1 (int) AS SELECT $1",
		"PREPARE other AS SELECT 1",
		"PREPARE dblint_q_1 AS TRUNCATE orders",
		"PREPARE dblint_q_1 AS EXPLAIN ANALYZE SELECT 1",
		"SET statement_timeout = 0",
		"SET LOCAL transaction_read_only = off",
		"SET LOCAL statement_timeout = 0; DROP TABLE orders",
		"DEALLOCATE ALL",
		"DEALLOCATE dblint_q_1; DROP TABLE orders",
		"ROLLBACK; DROP TABLE orders",
	}
	for _, s := range refused {
		if err := Allowed(s); err == nil {
			t.Errorf("Allowed(%q) = nil, want refusal", s)
		}
	}
}

func TestPlannable(t *testing.T) {
	for _, tc := range []struct {
		q      string
		params int
		ok     bool
	}{
		{"SELECT * FROM t WHERE a = $1 AND b = $3", 3, true},
		{"UPDATE t SET a = $1", 1, true},
		{"DELETE FROM t", 0, true},
		{"INSERT INTO t VALUES ($1)", 0, false},
		{"SELECT 1; SELECT 2", 0, false},
		{"CREATE TABLE t (a int)", 0, false},
	} {
		n, err := Plannable(tc.q)
		if (err == nil) != tc.ok || (tc.ok && n != tc.params) {
			t.Errorf("Plannable(%q) = %d, %v; want %d, ok=%v", tc.q, n, err, tc.params, tc.ok)
		}
	}
}

func TestServerVersion(t *testing.T) {
	for in, want := range map[string]int{"15.4 (Debian 15.4-1.pgdg120+1)": 150004, "12.17": 120017, "16beta1": 160000, "9.6.24": 90624, "": 0} {
		if got := serverVersion(in); got != want {
			t.Errorf("serverVersion(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestPlan plans queries against a real server and checks what was sent:
// only allowed statements, never ANALYZE, every transaction rolled back,
// every prepared statement deallocated, and nothing written.
func TestPlan(t *testing.T) {
	srv := pgtest.Start(t)
	db := srv.CreateDB(t, "explain_plan")
	srv.Exec(t, db, `
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text, note text);
INSERT INTO customers SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 1000) g;
INSERT INTO orders SELECT g, g % 1000 + 1, 'new', NULL FROM generate_series(1, 20000) g;
CREATE INDEX orders_status_idx ON orders (status);
ANALYZE;
`)
	var sent []string
	ctx := context.Background()
	p, err := Connect(ctx, srv.URL(db), Options{Trace: func(s string) { sent = append(sent, s) }})
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	defer p.Close()
	if p.ServerVersion() < MinServerVersion {
		t.Fatalf("ServerVersion = %d", p.ServerVersion())
	}

	scanOf := func(pl *Plan, table string) Scan {
		for _, s := range pl.Scans() {
			if s.Table == table {
				return s
			}
		}
		t.Fatalf("no scan of %s in %s", table, pl.JSON)
		return Scan{}
	}

	// No index on customer_id: a sequential scan with a filter.
	pl, err := p.Plan(ctx, "SELECT id FROM orders WHERE customer_id = $1")
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	if s := scanOf(pl, "orders"); !s.Sequential() || s.Filter == "" || s.Schema != "public" {
		t.Errorf("orders by customer_id: %+v, want a Seq Scan with a filter", s)
	}
	// The primary key serves id, whatever the (NULL) value.
	pl, err = p.Plan(ctx, "SELECT * FROM orders WHERE id = $1")
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	if s := scanOf(pl, "orders"); !s.UsesIndex() || s.Index != "orders_pkey" {
		t.Errorf("orders by id: %+v, want orders_pkey", s)
	}
	// UPDATE and DELETE plan in a read-only transaction (nothing runs).
	pl, err = p.Plan(ctx, "UPDATE orders SET note = $2 WHERE customer_id = $1")
	if err != nil {
		t.Fatalf("Plan UPDATE: %v", err)
	}
	if s := scanOf(pl, "orders"); !s.Sequential() {
		t.Errorf("UPDATE: %+v, want a Seq Scan", s)
	}
	if _, err := p.Plan(ctx, "DELETE FROM orders WHERE status = $1"); err != nil {
		t.Fatalf("Plan DELETE: %v", err)
	}
	// A parameter whose type cannot be inferred: could not plan, and the
	// connection is still good for the next query.
	var pe *PlanError
	if _, err := p.Plan(ctx, "SELECT id FROM orders WHERE $1 IS NULL"); !errors.As(err, &pe) {
		t.Errorf("Plan($1 IS NULL) = %v, want a PlanError", err)
	}
	if _, err := p.Plan(ctx, "SELECT * FROM nosuch WHERE id = $1"); !errors.As(err, &pe) || !strings.Contains(pe.Msg, "nosuch") {
		t.Errorf("Plan(unknown table) = %v, want a PlanError naming it", err)
	}
	if _, err := p.Plan(ctx, "INSERT INTO orders (id, customer_id) VALUES ($1, $2)"); !errors.As(err, &pe) {
		t.Errorf("Plan(INSERT) = %v, want a PlanError", err)
	}
	if _, err := p.Plan(ctx, "SELECT email FROM customers WHERE id = $1"); err != nil {
		t.Errorf("Plan after failures: %v", err)
	}

	// The allow-list guards the connection itself: a statement off it
	// never leaves the process.
	before := len(sent)
	for _, bad := range []string{"DROP TABLE orders", "EXPLAIN ANALYZE SELECT * FROM orders", "PREPARE dblint_q_99 AS SELECT 1; DROP TABLE orders"} {
		if _, err := p.exec(ctx, "test", bad); err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("exec(%q) = %v, want a refusal", bad, err)
		}
	}
	if len(sent) != before {
		t.Errorf("refused statements were traced as sent: %q", sent[before:])
	}
	if rows := srv.Query(t, db, "SELECT count(*) FROM orders"); len(rows) != 1 || rows[0] != "20000" {
		t.Errorf("orders: %v", rows)
	}

	begins, rollbacks, prepares, deallocs := 0, 0, 0, 0
	for _, s := range sent {
		if err := Allowed(s); err != nil {
			t.Errorf("sent a statement off the allow-list: %v", err)
		}
		if strings.Contains(strings.ToUpper(s), "ANALYZE") {
			t.Errorf("sent %q", s)
		}
		switch {
		case s == "BEGIN TRANSACTION READ ONLY":
			begins++
		case s == "ROLLBACK":
			rollbacks++
		case strings.HasPrefix(s, "PREPARE "):
			prepares++
		case strings.HasPrefix(s, "DEALLOCATE "):
			deallocs++
		}
	}
	// The INSERT is refused before anything is sent.
	if begins != 7 || rollbacks != begins {
		t.Errorf("%d BEGIN, %d ROLLBACK; want 7 each", begins, rollbacks)
	}
	// A PREPARE the server refused leaves nothing to deallocate.
	if prepares != 7 || deallocs != 5 {
		t.Errorf("%d PREPARE, %d DEALLOCATE; want 7 and 5", prepares, deallocs)
	}
	if rows := srv.Query(t, db, "SELECT count(*) FROM orders WHERE note IS NOT NULL"); len(rows) != 1 || rows[0] != "0" {
		t.Errorf("orders changed: %v", rows)
	}
	if rows := srv.Query(t, db, "SELECT count(*) FROM pg_prepared_statements"); len(rows) != 1 || rows[0] != "0" {
		t.Errorf("prepared statements left in another session? %v", rows)
	}
}

// TestConnectErrors: the typed errors, each without the password.
func TestConnectErrors(t *testing.T) {
	srv := pgtest.Start(t)
	db := srv.CreateDB(t, "explain_errors")
	good, _ := url.Parse(srv.URL(db))
	pw, _ := good.User.Password()

	wrong := *good
	wrong.User = url.UserPassword(pgtest.PasswordUser, "Wr0ngSecret-"+pw[:6])
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	refused := *good
	refused.Host = closed

	for _, tc := range []struct {
		name string
		url  string
		kind error
	}{
		{"auth", wrong.String(), livedb.ErrAuth},
		{"refused", refused.String(), livedb.ErrRefused},
		{"bad url", "postgres://dblint:" + pw + "@127.0.0.1:99999999/x", livedb.ErrInvalidURL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Connect(context.Background(), tc.url, Options{})
			if !errors.Is(err, tc.kind) {
				t.Fatalf("Connect = %v, want %v", err, tc.kind)
			}
			u, _ := url.Parse(tc.url)
			for _, secret := range []string{pw, passwordOf(u)} {
				if secret != "" && strings.Contains(err.Error(), secret) {
					t.Errorf("error shows the password: %v", err)
				}
			}
			t.Log(err)
		})
	}
}

func passwordOf(u *url.URL) string {
	if u == nil || u.User == nil {
		return ""
	}
	pw, _ := u.User.Password()
	return pw
}
