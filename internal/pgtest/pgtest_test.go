package pgtest

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { Main(m) }

func TestStartShared(t *testing.T) {
	a := Start(t)
	b := Start(t)
	if a != b {
		t.Fatal("Start returned two servers in one test binary")
	}
	if a.Version() < 100000 {
		t.Errorf("Version() = %d, want a server_version_num", a.Version())
	}
	if _, err := os.Stat(filepath.Join(a.SocketDir(), ".s.PGSQL."+strconv.Itoa(a.Port()))); err != nil {
		t.Errorf("no socket: %v", err)
	}
}

func TestCreateDBExecQuery(t *testing.T) {
	srv := Start(t)
	db1 := srv.CreateDB(t, "TestCreateDB/sub case")
	db2 := srv.CreateDB(t, "TestCreateDB/sub case")
	if db1 == db2 {
		t.Fatalf("CreateDB returned %q twice", db1)
	}
	if strings.ContainsAny(db1, "/ ABC") {
		t.Errorf("database name %q is not a plain identifier", db1)
	}
	srv.Exec(t, db1, "CREATE TABLE t (id int primary key, name text); INSERT INTO t VALUES (1, 'a'), (2, 'b');")
	got := srv.Query(t, db1, "SELECT id, name FROM t ORDER BY id")
	if want := []string{"1|a", "2|b"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Query = %q, want %q", got, want)
	}
	// The second database is fresh.
	if got := srv.Query(t, db2, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"); len(got) != 1 || got[0] != "0" {
		t.Errorf("second database sees table t: %q", got)
	}
	owner := srv.Query(t, db1, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
	if len(owner) != 1 || owner[0] != PasswordUser {
		t.Errorf("owner = %q, want %s", owner, PasswordUser)
	}
}

// psqlURL runs one query through psql with a connection URL.
func psqlURL(t *testing.T, srv *Server, connURL, query string) (string, error) {
	t.Helper()
	cmd := exec.Command(filepath.Join(srv.bin, "psql"), "-X", "-A", "-t", "-d", connURL, "-c", query)
	cmd.Env = append(cleanEnv(), "PGCONNECT_TIMEOUT=5")
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

func TestURLs(t *testing.T) {
	srv := Start(t)
	db := srv.CreateDB(t, "urls")
	out, err := psqlURL(t, srv, srv.URL(db), "SELECT current_user || ' ' || current_database() || ' ' || (inet_server_addr() IS NOT NULL)")
	if err != nil || out != PasswordUser+" "+db+" true" {
		t.Errorf("TCP URL: %q, %v", out, err)
	}
	out, err = psqlURL(t, srv, srv.SocketURL(db), "SELECT current_user || ' ' || current_database() || ' ' || (inet_server_addr() IS NULL)")
	if err != nil || out != Superuser+" "+db+" true" {
		t.Errorf("socket URL: %q, %v", out, err)
	}

	// TCP wants the password.
	u, _ := url.Parse(srv.URL(db))
	u.User = url.UserPassword(PasswordUser, "wrong")
	if out, err := psqlURL(t, srv, u.String(), "SELECT 1"); err == nil || !strings.Contains(out, "password authentication failed") {
		t.Errorf("wrong password: %q, %v", out, err)
	}
}

func TestIdentifier(t *testing.T) {
	for in, want := range map[string]string{
		"TestX/sub":             "testx_sub",
		"9lives":                "db_9lives",
		"":                      "db_",
		"a-b c":                 "a_b_c",
		strings.Repeat("x", 60): strings.Repeat("x", 40),
	} {
		if got := identifier(in); got != want {
			t.Errorf("identifier(%q) = %q, want %q", in, got, want)
		}
	}
}

// fakeTB records what Start's failure path would do to a test.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper()                           {}
func (f *fakeTB) Skipf(format string, args ...any)  { f.skipped = fmt.Sprintf(format, args...) }
func (f *fakeTB) Fatalf(format string, args ...any) { f.failed = fmt.Sprintf(format, args...) }

func TestNoPostgres(t *testing.T) {
	knownDirs = nil
	t.Cleanup(func() { knownDirs = []string{"/usr/lib/postgresql/15/bin"} })
	t.Setenv(EnvBin, "")
	t.Setenv("PATH", t.TempDir())
	_, err := findBin()
	if !errors.Is(err, errUnavailable) {
		t.Fatalf("findBin without binaries: %v, want errUnavailable", err)
	}

	t.Setenv(EnvRequire, "")
	f := &fakeTB{TB: t}
	startFailed(f, err)
	if !strings.Contains(f.skipped, "no PostgreSQL server binaries") || !strings.Contains(f.skipped, EnvRequire+"=1") || f.failed != "" {
		t.Errorf("without %s: skipped %q, failed %q", EnvRequire, f.skipped, f.failed)
	}
	t.Setenv(EnvRequire, "1")
	f = &fakeTB{TB: t}
	startFailed(f, err)
	if f.skipped != "" || !strings.Contains(f.failed, "no PostgreSQL server binaries") {
		t.Errorf("with %s=1: skipped %q, failed %q", EnvRequire, f.skipped, f.failed)
	}

	// A server that is there but broken always fails.
	t.Setenv(EnvRequire, "")
	f = &fakeTB{TB: t}
	startFailed(f, errors.New("initdb: exit status 1"))
	if f.skipped != "" || f.failed == "" {
		t.Errorf("broken server: skipped %q, failed %q", f.skipped, f.failed)
	}

	// An explicit DBLINT_PG_BIN that does not work is a mistake, not an
	// environment without PostgreSQL.
	t.Setenv(EnvBin, t.TempDir())
	if _, err := findBin(); err == nil || errors.Is(err, errUnavailable) {
		t.Errorf("bad %s: %v, want a hard error", EnvBin, err)
	}
}

func TestEnvBin(t *testing.T) {
	dir, err := findBin()
	if err != nil {
		t.Skip(err)
	}
	t.Setenv(EnvBin, dir)
	if got, err := findBin(); err != nil || got != dir {
		t.Errorf("findBin with %s=%s: %q, %v", EnvBin, dir, got, err)
	}
}
