// Package pgtest runs a throwaway PostgreSQL server for tests.
//
// One server is shared by every test of a test binary: the first Start
// runs initdb and starts it (about a second), later calls reuse it, and
// Main stops it when the tests are done. Each test takes a fresh database
// with CreateDB, so tests never see each other's tables.
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestX(t *testing.T) {
//		srv := pgtest.Start(t)
//		db := srv.CreateDB(t, "x")
//		srv.Exec(t, db, "CREATE TABLE t (id int)")
//		conn, err := pgx.Connect(ctx, srv.URL(db))
//		...
//	}
//
// Without Main, each Start starts its own server and stops it when the
// test ends: correct, but every test pays for initdb.
//
// The server binaries are looked up in $DBLINT_PG_BIN, then
// /usr/lib/postgresql/15/bin, then `pg_config --bindir`, then PATH. When
// there are none the test is skipped, or fails if DBLINT_REQUIRE_POSTGRES=1
// (CI sets it, so a broken install cannot pass as "skipped").
//
// The server listens on a unix socket in its own temporary directory
// (superuser "postgres", trust authentication) and on a free TCP port on
// 127.0.0.1 (role "dblint", a superuser with a random password checked with
// SCRAM). fsync is off: the data is thrown away.
package pgtest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// Environment variables read by the package.
const (
	// EnvBin names the directory holding initdb, pg_ctl, postgres and psql.
	EnvBin = "DBLINT_PG_BIN"
	// EnvRequire set to 1 turns "no PostgreSQL here, skip" into a failure.
	EnvRequire = "DBLINT_REQUIRE_POSTGRES"
)

// Superuser is the bootstrap superuser, reachable over the unix socket
// without a password.
const Superuser = "postgres"

// PasswordUser is the role the TCP URL logs in as, with a password.
const PasswordUser = "dblint"

// Server is a running throwaway PostgreSQL server.
type Server struct {
	bin      string // directory of initdb, pg_ctl, postgres, psql
	root     string // temporary directory: data/, the socket, the log
	data     string
	port     int
	password string
	runAs    string // "postgres" when the tests run as root, else ""
	version  int    // server_version_num

	mu      sync.Mutex
	seq     int
	stopped bool
}

// errUnavailable marks failures that mean "no usable PostgreSQL here"
// (skip), as opposed to a server that is there and fails (fail).
var errUnavailable = errors.New("postgresql unavailable")

var shared struct {
	sync.Mutex
	inMain  bool
	started bool
	srv     *Server
	err     error
}

// Main runs the tests of a package and then stops the shared server. Call
// it from TestMain.
func Main(m *testing.M) {
	shared.Lock()
	shared.inMain = true
	shared.Unlock()

	// An interrupted run still removes its server; a killed one is swept
	// by the next Start (see sweepStale).
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		stopShared()
		os.Exit(130)
	}()

	code := m.Run()
	signal.Stop(sig)
	stopShared()
	os.Exit(code)
}

func stopShared() {
	shared.Lock()
	defer shared.Unlock()
	if shared.srv != nil {
		shared.srv.stop()
	}
}

// Start returns a running server: the shared one under Main, else a server
// of the test's own, stopped when the test ends. It skips the test when no
// PostgreSQL server binaries are installed (fails with
// DBLINT_REQUIRE_POSTGRES=1).
func Start(t testing.TB) *Server {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	var srv *Server
	var err error
	if shared.inMain {
		if !shared.started {
			shared.started = true
			shared.srv, shared.err = start()
		}
		srv, err = shared.srv, shared.err
	} else {
		srv, err = start()
		if err == nil {
			t.Cleanup(srv.stop)
		}
	}
	if err != nil {
		startFailed(t, err)
	}
	return srv
}

// startFailed skips the test when PostgreSQL is not installed and fails
// it otherwise, or always under DBLINT_REQUIRE_POSTGRES=1.
func startFailed(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, errUnavailable) && os.Getenv(EnvRequire) != "1" {
		t.Skipf("pgtest: %v (set %s=1 to make this a failure)", err, EnvRequire)
		return
	}
	t.Fatalf("pgtest: %v", err)
}

// URL returns a TCP connection URL for database db, logging in as
// PasswordUser with its password. Do not log it.
func (s *Server) URL(db string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(PasswordUser, s.password),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)),
		Path:     "/" + db,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// SocketURL returns a unix-socket connection URL for database db, logging
// in as Superuser without a password.
func (s *Server) SocketURL(db string) string {
	q := url.Values{}
	q.Set("host", s.root)
	q.Set("port", strconv.Itoa(s.port))
	q.Set("sslmode", "disable")
	u := url.URL{Scheme: "postgres", User: url.User(Superuser), Path: "/" + db, RawQuery: q.Encode()}
	return u.String()
}

// Port returns the TCP port the server listens on (on 127.0.0.1).
func (s *Server) Port() int { return s.port }

// SocketDir returns the directory of the server's unix socket.
func (s *Server) SocketDir() string { return s.root }

// Version returns the server's server_version_num (150004 for 15.4).
func (s *Server) Version() int { return s.version }

// CreateDB creates a fresh, empty database owned by PasswordUser and
// returns its name: name made safe as an identifier and suffixed with a
// counter, so tests (and reruns of a test) never share one. The database is
// dropped when the test ends.
func (s *Server) CreateDB(t testing.TB, name string) string {
	t.Helper()
	s.mu.Lock()
	s.seq++
	db := fmt.Sprintf("%s_%d", identifier(name), s.seq)
	s.mu.Unlock()
	s.Exec(t, "postgres", fmt.Sprintf(`CREATE DATABASE %q OWNER %q`, db, PasswordUser))
	t.Cleanup(func() {
		s.mu.Lock()
		stopped := s.stopped
		s.mu.Unlock()
		if stopped {
			return
		}
		if out, err := s.psql("postgres", fmt.Sprintf(`DROP DATABASE IF EXISTS %q WITH (FORCE)`, db)); err != nil {
			t.Logf("pgtest: drop database %s: %v\n%s", db, err, out)
		}
	})
	return db
}

// Exec runs sql in database db as Superuser over the unix socket, with
// psql: statements run one by one, each in its own transaction unless sql
// says BEGIN, and the first error stops the script and fails the test.
func (s *Server) Exec(t testing.TB, db, sql string) {
	t.Helper()
	if out, err := s.psql(db, sql); err != nil {
		t.Fatalf("pgtest: exec in %s: %v\n%s", db, err, out)
	}
}

// Query runs one query as Exec does and returns its rows, one line each,
// columns separated by '|' (psql's unaligned output).
func (s *Server) Query(t testing.TB, db, query string) []string {
	t.Helper()
	out, err := s.psql(db, query, "-A", "-t")
	if err != nil {
		t.Fatalf("pgtest: query in %s: %v\n%s", db, err, out)
	}
	text := strings.TrimRight(string(out), "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

// psql runs sql, read from stdin so that it never shows in a process list.
func (s *Server) psql(db, sql string, extra ...string) ([]byte, error) {
	args := []string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", s.root, "-p", strconv.Itoa(s.port), "-U", Superuser, "-d", db}
	args = append(args, extra...)
	args = append(args, "-f", "-")
	cmd := exec.Command(filepath.Join(s.bin, "psql"), args...)
	cmd.Stdin = strings.NewReader(sql)
	cmd.Env = append(cleanEnv(), "PGCONNECT_TIMEOUT=10")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return bytes.TrimSpace(stderr.Bytes()), fmt.Errorf("psql: %w", err)
	}
	return stdout.Bytes(), nil
}

// cleanEnv is the environment without libpq settings that would redirect
// psql away from the throwaway server.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// identifier turns a test name into a lower-case identifier fit for a
// database name (with room for the counter).
func identifier(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	id := b.String()
	if len(id) > 40 {
		id = id[:40]
	}
	if id == "" || (id[0] >= '0' && id[0] <= '9') {
		id = "db_" + id
	}
	return id
}

// start initializes and starts a server.
func start() (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root.
		if _, err := user.Lookup("postgres"); err != nil {
			return nil, fmt.Errorf("%w: running as root needs a \"postgres\" user to run the server as", errUnavailable)
		}
		if _, err := exec.LookPath("runuser"); err != nil {
			return nil, fmt.Errorf("%w: running as root needs runuser(1) to run the server as \"postgres\"", errUnavailable)
		}
		s.runAs = "postgres"
	}
	sweepStale(s)
	if s.root, err = makeRoot(s.runAs); err != nil {
		return nil, err
	}
	s.data = filepath.Join(s.root, "data")
	if err := s.initdb(); err != nil {
		os.RemoveAll(s.root)
		return nil, err
	}
	if err := s.startServer(); err != nil {
		s.stop() // pg_ctl -w may give up on a server that is still coming up
		return nil, err
	}
	if err := s.setup(); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// findBin returns the directory with the server binaries.
func findBin() (string, error) {
	have := func(dir string) bool {
		for _, b := range []string{"initdb", "pg_ctl", "postgres", "psql"} {
			if fi, err := os.Stat(filepath.Join(dir, b)); err != nil || fi.IsDir() {
				return false
			}
		}
		return true
	}
	if dir := os.Getenv(EnvBin); dir != "" {
		if !have(dir) {
			// An explicit setting that does not work is a mistake, not
			// an environment without PostgreSQL: never skip on it.
			return "", fmt.Errorf("%s=%s: initdb, pg_ctl, postgres or psql missing there", EnvBin, dir)
		}
		return dir, nil
	}
	for _, dir := range knownDirs {
		if have(dir) {
			return dir, nil
		}
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); have(dir) {
			return dir, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil && have(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
		if have(filepath.Dir(p)) {
			return filepath.Dir(p), nil
		}
	}
	return "", fmt.Errorf("%w: no PostgreSQL server binaries (initdb, pg_ctl, postgres) in $%s, /usr/lib/postgresql/15/bin, `pg_config --bindir` or PATH", errUnavailable, EnvBin)
}

// knownDirs are where distributions put the server binaries, searched
// before pg_config and PATH (Debian and Ubuntu keep them off PATH).
var knownDirs = []string{"/usr/lib/postgresql/15/bin"}

const rootPrefix = "dblint-pgtest-"

// makeRoot creates the server's directory, readable by the server's user.
// The socket lives there too, so the path must stay short (sun_path is 108
// bytes) and every parent must be traversable by that user; TMPDIR may be
// neither, and /tmp is the fallback.
func makeRoot(runAs string) (string, error) {
	var uid, gid = -1, -1
	if runAs != "" {
		u, err := user.Lookup(runAs)
		if err != nil {
			return "", err
		}
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
	}
	var lastErr error
	for _, base := range []string{os.TempDir(), "/tmp"} {
		if len(base) > 60 || (runAs != "" && !traversable(base)) {
			lastErr = fmt.Errorf("temporary directory %s is not usable for the server's socket", base)
			continue
		}
		dir, err := os.MkdirTemp(base, rootPrefix)
		if err != nil {
			lastErr = err
			continue
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		// Written before the server exists, so that a sweep by another
		// test binary never takes this directory for an abandoned one.
		if err := os.WriteFile(filepath.Join(dir, "owner.pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		if uid >= 0 {
			if err := os.Chown(dir, uid, gid); err != nil {
				os.RemoveAll(dir)
				return "", err
			}
		}
		return dir, nil
	}
	return "", lastErr
}

// traversable reports whether every directory from / to dir can be
// searched by other users.
func traversable(dir string) bool {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		fi, err := os.Stat(dir)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return true
		}
		dir = parent
	}
}

// command runs a server binary, as the server's user when running as root.
func (s *Server) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(s.bin, name)
	var cmd *exec.Cmd
	if s.runAs != "" {
		cmd = exec.Command("runuser", append([]string{"-u", s.runAs, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	// initdb and postgres want a current directory their user can read.
	cmd.Dir = s.root
	cmd.Env = append(cleanEnv(), "LC_ALL=C")
	return cmd
}

func (s *Server) initdb() error {
	cmd := s.command("initdb", "-D", s.data, "-U", Superuser, "-A", "trust", "-E", "UTF8",
		"--locale=C", "--no-sync", "--no-instructions")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	hba := "# pgtest: the socket trusts everyone, TCP wants a password\n" +
		"local all all trust\n" +
		"host all all 127.0.0.1/32 scram-sha-256\n" +
		"host all all ::1/128 scram-sha-256\n"
	if err := s.writeDataFile("pg_hba.conf", hba, false); err != nil {
		return err
	}
	conf := fmt.Sprintf(`
# pgtest: a throwaway server; durability is not wanted
listen_addresses = '127.0.0.1'
unix_socket_directories = '%s'
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
autovacuum = off
max_connections = 50
shared_buffers = 32MB
password_encryption = 'scram-sha-256'
log_min_messages = warning
log_min_error_statement = panic
`, s.root)
	return s.writeDataFile("postgresql.conf", conf, true)
}

// writeDataFile writes (or appends to) a file of the data directory, which
// belongs to the server's user.
func (s *Server) writeDataFile(name, text string, appendTo bool) error {
	path := filepath.Join(s.data, name)
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if appendTo {
		flag = os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(path, flag, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// startServer starts the postmaster on a free port, retrying when another
// process takes the port between the probe and the bind.
func (s *Server) startServer() error {
	logFile := filepath.Join(s.root, "postgres.log")
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if s.port, err = freePort(); err != nil {
			return err
		}
		cmd := s.command("pg_ctl", "-D", s.data, "-l", logFile, "-o", "-p "+strconv.Itoa(s.port), "-w", "-t", "60", "-s", "start")
		out, runErr := cmd.CombinedOutput()
		if runErr == nil {
			return nil
		}
		log, _ := os.ReadFile(logFile)
		err = fmt.Errorf("pg_ctl start: %v\n%s\n%s", runErr, out, tail(log, 20))
		if !bytes.Contains(log, []byte("could not bind")) && !bytes.Contains(log, []byte("already in use")) {
			return err
		}
		s.command("pg_ctl", "-D", s.data, "-m", "immediate", "-w", "-s", "stop").Run()
	}
	return err
}

func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// setup creates the password role and reads the server version.
func (s *Server) setup() error {
	var pw [16]byte
	if _, err := rand.Read(pw[:]); err != nil {
		return err
	}
	s.password = hex.EncodeToString(pw[:])
	// The statement goes through stdin and is never logged
	// (log_min_error_statement = panic), so the password stays here.
	sql := fmt.Sprintf("CREATE ROLE %s LOGIN SUPERUSER PASSWORD '%s';\n", PasswordUser, s.password)
	if out, err := s.psql("postgres", sql); err != nil {
		return fmt.Errorf("create role %s: %v\n%s", PasswordUser, err, strings.ReplaceAll(string(out), s.password, "xxxxx"))
	}
	out, err := s.psql("postgres", "SHOW server_version_num", "-A", "-t")
	if err != nil {
		return fmt.Errorf("server version: %v\n%s", err, out)
	}
	s.version, err = strconv.Atoi(strings.TrimSpace(string(out)))
	return err
}

// stop stops the server and removes its directory.
func (s *Server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	s.stopped = true
	// Immediate: nothing here needs a clean shutdown checkpoint.
	s.command("pg_ctl", "-D", s.data, "-m", "immediate", "-w", "-s", "stop").Run()
	os.RemoveAll(s.root)
}

// sweepStale stops and removes servers left behind by test binaries that
// died without cleaning up (a -timeout panic, a SIGKILL).
func sweepStale(s *Server) {
	seen := map[string]bool{}
	for _, base := range []string{os.TempDir(), "/tmp"} {
		dirs, _ := filepath.Glob(filepath.Join(base, rootPrefix+"*"))
		for _, dir := range dirs {
			if seen[dir] {
				continue
			}
			seen[dir] = true
			b, err := os.ReadFile(filepath.Join(dir, "owner.pid"))
			if err != nil {
				continue // being created, or not ours
			}
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil || pid <= 0 || processAlive(pid) {
				continue
			}
			data := filepath.Join(dir, "data")
			if _, err := os.Stat(filepath.Join(data, "postmaster.pid")); err == nil {
				old := &Server{bin: s.bin, root: dir, data: data, runAs: s.runAs}
				old.command("pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "10", "-s", "stop").Run()
			}
			os.RemoveAll(dir)
		}
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
