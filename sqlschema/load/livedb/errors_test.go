package livedb

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dblint/dblint/internal/pgtest"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestRedactURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://app:s3cret@db.internal:5432/prod?sslmode=require", "postgres://app:xxxxx@db.internal:5432/prod?sslmode=require"},
		{"postgresql://app:p%40ss@db/prod", "postgresql://app:xxxxx@db/prod"},
		{"postgres://app:pa@ss/word@db/prod", "postgres://app:xxxxx@db/prod"},
		{"postgres://app@db/prod", "postgres://app@db/prod"},
		{"postgres://db/prod?user=app&password=s3cret&sslmode=disable", "postgres://db/prod?user=app&password=xxxxx&sslmode=disable"},
		{"postgres://db/prod?sslpassword=k3y", "postgres://db/prod?sslpassword=xxxxx"},
		{"host=db user=app password=s3cret dbname=prod", "host=db user=app password=xxxxx dbname=prod"},
		{"host=db password='s3 cret' dbname=prod", "host=db password=xxxxx dbname=prod"},
		{"", ""},
	} {
		if got := RedactURL(tc.in); got != tc.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// checkErr asserts err is of kind, mentions each of want, and contains
// none of the secrets.
func checkErr(t *testing.T, err error, kind error, want []string, secrets ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", kind)
	}
	msg := err.Error()
	if !errors.Is(err, kind) {
		t.Errorf("error %q is not %v", msg, kind)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not mention %q", msg, w)
		}
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(msg, s) {
			t.Errorf("error %q contains the secret %q", msg, s)
		}
	}
	// The driver's error carries the connection config, password and
	// all: it must not be reachable through the chain.
	var ce *pgconn.ConnectError
	var pe *pgconn.ParseConfigError
	if errors.As(err, &ce) || errors.As(err, &pe) {
		t.Errorf("error %q wraps a pgconn error", msg)
	}
}

func serverPassword(t *testing.T, srv *pgtest.Server) string {
	u, err := url.Parse(srv.URL("x"))
	if err != nil {
		t.Fatal(err)
	}
	pw, _ := u.User.Password()
	return pw
}

func TestErrorInvalidURL(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		url    string
		want   []string
		secret string
	}{
		{"postgres://app:Sup3rSecret@db.internal:notaport/prod", []string{"invalid database URL postgres://app:xxxxx@db.internal:notaport/prod", "port"}, "Sup3rSecret"},
		{"postgres://app:Sup3r%zzSecret@db/prod", []string{"invalid database URL postgres://app:xxxxx@db/prod", "password"}, "Sup3r"},
		{"host=db user=app password=Sup3rSecret port=abc", []string{"invalid database URL host=db user=app password=xxxxx port=abc"}, "Sup3rSecret"},
		{"mysql://app:Sup3rSecret@db/prod", []string{"invalid database URL mysql://app:xxxxx@db/prod"}, "Sup3rSecret"},
	} {
		_, err := Introspect(ctx, tc.url, Options{})
		checkErr(t, err, ErrInvalidURL, tc.want, tc.secret)
	}
}

func TestErrorRefused(t *testing.T) {
	// A port nobody listens on: take a free one and close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	_, err = Introspect(context.Background(), "postgres://app:Sup3rSecret@127.0.0.1:"+port+"/prod?sslmode=disable", Options{})
	checkErr(t, err, ErrRefused, []string{"127.0.0.1:" + port, "connection refused"}, "Sup3rSecret")

	_, err = Introspect(context.Background(), "postgres://app@/prod?host=/nonexistent-dir", Options{})
	checkErr(t, err, ErrRefused, []string{"/nonexistent-dir/.s.PGSQL.5432"})
}

func TestErrorWrongPassword(t *testing.T) {
	srv := pgtest.Start(t)
	db := srv.CreateDB(t, t.Name())
	real := serverPassword(t, srv)
	u, _ := url.Parse(srv.URL(db))
	u.User = url.UserPassword(pgtest.PasswordUser, "Wr0ngSecret")
	_, err := Introspect(context.Background(), u.String(), Options{})
	checkErr(t, err, ErrAuth, []string{"password authentication failed", `"` + pgtest.PasswordUser + `"`, "127.0.0.1:" + strconv.Itoa(srv.Port())}, "Wr0ngSecret", real)

	// A password from PGPASSWORD is as secret as one in the URL.
	t.Setenv("PGPASSWORD", "Env0nlySecret")
	u.User = url.User(pgtest.PasswordUser)
	_, err = Introspect(context.Background(), u.String(), Options{})
	checkErr(t, err, ErrAuth, []string{"password authentication failed"}, "Env0nlySecret", real)
}

func TestErrorMissingDatabase(t *testing.T) {
	srv := pgtest.Start(t)
	_, err := Introspect(context.Background(), srv.URL("no_such_db"), Options{})
	checkErr(t, err, ErrNotFound, []string{`database "no_such_db" does not exist`}, serverPassword(t, srv))
}

func TestErrorPermissionDenied(t *testing.T) {
	srv := pgtest.Start(t)
	db := srv.CreateDB(t, t.Name())
	srv.Exec(t, db, `CREATE ROLE outsider LOGIN PASSWORD 'Outs1derSecret'; REVOKE CONNECT ON DATABASE `+db+` FROM PUBLIC;`)
	t.Cleanup(func() { srv.Exec(t, "postgres", "DROP ROLE IF EXISTS outsider") })
	u, _ := url.Parse(srv.URL(db))
	u.User = url.UserPassword("outsider", "Outs1derSecret")
	_, err := Introspect(context.Background(), u.String(), Options{})
	checkErr(t, err, ErrPermission, []string{"permission denied for database", `"outsider"`}, "Outs1derSecret")
}

func TestErrorTimeout(t *testing.T) {
	// A server that accepts connections and never answers.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	start := time.Now()
	_, err = Introspect(context.Background(), "postgres://app:Sup3rSecret@127.0.0.1:"+port+"/prod?sslmode=disable",
		Options{ConnectTimeout: 300 * time.Millisecond})
	checkErr(t, err, ErrTimeout, []string{"127.0.0.1:" + port, "timed out after 300ms"}, "Sup3rSecret")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %v, want about 300ms", d)
	}

	// connect_timeout in the URL wins.
	_, err = Introspect(context.Background(), "postgres://app:Sup3rSecret@127.0.0.1:"+port+"/prod?sslmode=disable&connect_timeout=1", Options{})
	checkErr(t, err, ErrTimeout, []string{"timed out after 1s"}, "Sup3rSecret")
}

func TestErrorCanceled(t *testing.T) {
	srv := pgtest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Introspect(ctx, srv.URL("postgres"), Options{})
	checkErr(t, err, ErrConnect, []string{"context canceled"}, serverPassword(t, srv))
}
