package livedb

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// Kinds of Introspect failure; test with errors.Is.
var (
	ErrInvalidURL  = errors.New("invalid database URL")
	ErrRefused     = errors.New("connection refused")
	ErrAuth        = errors.New("authentication failed")
	ErrTimeout     = errors.New("timed out")
	ErrPermission  = errors.New("permission denied")
	ErrNotFound    = errors.New("does not exist") // the database or a requested schema
	ErrUnsupported = errors.New("unsupported server")
	ErrConnect     = errors.New("cannot connect") // any other connection failure
	ErrQuery       = errors.New("catalog query failed")
)

// Error is an Introspect failure. Its message names the server (never the
// password) and the cause; Kind is one of the Err* values above, and
// SQLState is the server's code when the server gave one.
//
// It deliberately does not wrap the driver's error: that error carries the
// connection config, password included.
type Error struct {
	Kind     error
	Msg      string
	SQLState string
}

func (e *Error) Error() string { return e.Msg }

// Is makes errors.Is(err, livedb.ErrAuth) and the like work.
func (e *Error) Is(target error) bool { return e.Kind == target }

// secrets are the strings no message may contain.
type secrets []string

// newSecrets collects the password of the URL (as written and decoded),
// the one pgx resolved (from the URL, PGPASSWORD or a .pgpass file) and
// PGPASSWORD itself.
func newSecrets(connString, resolved string) secrets {
	var s secrets
	add := func(v string) {
		// Very short strings would garble every message they were
		// scrubbed from; messages are built without passwords anyway,
		// so this is a second line of defence.
		if len(v) >= 4 {
			s = append(s, v)
		}
	}
	for _, p := range urlPasswords(connString) {
		add(p)
	}
	add(resolved)
	add(os.Getenv("PGPASSWORD"))
	return s
}

// scrub redacts every secret in msg.
func (s secrets) scrub(msg string) string {
	for _, v := range s {
		msg = strings.ReplaceAll(msg, v, "xxxxx")
	}
	return msg
}

var (
	// postgres://user:password@host: the password runs from the first ':'
	// of the userinfo to the last '@' before the query (a password may
	// hold unescaped '@' or '/').
	queryPassword = regexp.MustCompile(`(?i)([?&](?:ssl)?password=)[^&#]*`)
	dsnPassword   = regexp.MustCompile(`(?i)(\b(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]+)`)
)

// userinfo returns the offsets of the password in a URL-form connection
// string, or -1, -1.
func userinfoPassword(s string) (int, int) {
	i := strings.Index(s, "://")
	if i < 0 {
		return -1, -1
	}
	start := i + 3
	end := len(s)
	if q := strings.IndexAny(s[start:], "?#"); q >= 0 {
		end = start + q
	}
	at := strings.LastIndexByte(s[start:end], '@')
	if at < 0 {
		return -1, -1
	}
	colon := strings.IndexByte(s[start:start+at], ':')
	if colon < 0 {
		return -1, -1
	}
	return start + colon + 1, start + at
}

// isURL reports whether s is URL-shaped (any scheme, so that a mistyped
// one is redacted too).
func isURL(s string) bool { return urlScheme.MatchString(s) }

var urlScheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*://`)

// urlPasswords returns the passwords written in a connection string.
func urlPasswords(s string) []string {
	var out []string
	if isURL(s) {
		if from, to := userinfoPassword(s); from >= 0 {
			out = append(out, s[from:to])
			if dec, err := url.PathUnescape(s[from:to]); err == nil {
				out = append(out, dec)
			}
		}
		for _, m := range queryPassword.FindAllStringSubmatchIndex(s, -1) {
			v := s[m[3]:m[1]]
			out = append(out, v)
			if dec, err := url.QueryUnescape(v); err == nil {
				out = append(out, dec)
			}
		}
		return out
	}
	for _, m := range dsnPassword.FindAllStringSubmatch(s, -1) {
		out = append(out, strings.Trim(m[2], "'"))
	}
	return out
}

// RedactURL replaces the password of a connection string (URL or
// key=value form, including password= and sslpassword= parameters) with
// xxxxx: postgres://user:xxxxx@host/db. The rest is left as written. On
// malformed input it errs towards masking more.
func RedactURL(s string) string {
	if isURL(s) {
		if from, to := userinfoPassword(s); from >= 0 {
			s = s[:from] + "xxxxx" + s[to:]
		}
		return queryPassword.ReplaceAllString(s, "${1}xxxxx")
	}
	return dsnPassword.ReplaceAllString(s, "${1}xxxxx")
}

// parseError explains a connection string pgx could not parse, without
// echoing it unredacted (url.Parse errors quote their whole input).
func parseError(connString string, err error) error {
	sec := newSecrets(connString, "")
	reason := err.Error()
	if ue, ok := errorsAs[*url.Error](err); ok {
		reason = ue.Err.Error()
	} else if pe, ok := errorsAs[*pgconn.ParseConfigError](err); ok {
		reason = pe.Error()
		// "cannot parse `<redacted>`: failed to parse as URL (...)"
		if i := strings.Index(reason, "`: "); i >= 0 {
			reason = reason[i+3:]
		}
		if inner := errors.Unwrap(pe); inner != nil {
			if ue, ok := errorsAs[*url.Error](inner); ok {
				reason = ue.Err.Error()
			}
		}
	}
	if strings.Contains(reason, "invalid URL escape") {
		// The quoted escape may be a piece of the password.
		reason = "invalid URL escape (percent-encode special characters in the user and password)"
	}
	reason = strings.ReplaceAll(reason, connString, RedactURL(connString))
	return &Error{Kind: ErrInvalidURL, Msg: fmt.Sprintf("invalid database URL %s: %s", RedactURL(connString), sec.scrub(reason))}
}

// connectError classifies a failed connection attempt.
func connectError(ctx context.Context, cfg *pgconn.Config, sec secrets, err error) error {
	addr := serverAddr(cfg)
	mk := func(kind error, state, format string, args ...any) error {
		return &Error{Kind: kind, SQLState: state, Msg: sec.scrub(fmt.Sprintf(format, args...))}
	}
	if pe, ok := errorsAs[*pgconn.PgError](err); ok {
		switch pe.Code {
		case "28P01":
			return mk(ErrAuth, pe.Code, "connect to %s as %q: password authentication failed; check the user and password", addr, cfg.User)
		case "28000":
			return mk(ErrAuth, pe.Code, "connect to %s as %q: %s", addr, cfg.User, pe.Message)
		case "3D000":
			return mk(ErrNotFound, pe.Code, "connect to %s: database %q does not exist", addr, cfg.Database)
		case "42501":
			return mk(ErrPermission, pe.Code, "connect to %s as %q: %s", addr, cfg.User, pe.Message)
		}
		return mk(ErrConnect, pe.Code, "connect to %s: %s", addr, pe.Message)
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return mk(ErrRefused, "", "connect to %s: connection refused; is PostgreSQL running and listening there?", addr)
	case errors.Is(err, syscall.ENOENT) && strings.HasPrefix(cfg.Host, "/"):
		return mk(ErrRefused, "", "connect to %s: no such socket; is PostgreSQL running?", addr)
	case pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return mk(ErrConnect, "", "connect to %s: %v", addr, ctx.Err())
		}
		return mk(ErrTimeout, "", "connect to %s: timed out after %s", addr, cfg.ConnectTimeout)
	}
	if dnsErr, ok := errorsAs[*net.DNSError](err); ok {
		return mk(ErrConnect, "", "connect to %s: cannot resolve host %q", addr, dnsErr.Name)
	}
	return mk(ErrConnect, "", "connect to %s: %s", addr, innermost(err))
}

// queryError classifies a failed catalog query.
func queryError(ctx context.Context, cfg *pgconn.Config, sec secrets, what string, err error) error {
	addr := serverAddr(cfg)
	mk := func(kind error, state, format string, args ...any) error {
		return &Error{Kind: kind, SQLState: state, Msg: sec.scrub(fmt.Sprintf(format, args...))}
	}
	if pe, ok := errorsAs[*pgconn.PgError](err); ok {
		switch pe.Code {
		case "42501":
			return mk(ErrPermission, pe.Code, "%s on %s as %q: %s", what, addr, cfg.User, pe.Message)
		case "57014":
			return mk(ErrTimeout, pe.Code, "%s on %s: canceled by statement_timeout", what, addr)
		case "55P03":
			return mk(ErrTimeout, pe.Code, "%s on %s: lock_timeout waiting for a lock (a migration running?)", what, addr)
		}
		return mk(ErrQuery, pe.Code, "%s on %s: %s (SQLSTATE %s)", what, addr, pe.Message, pe.Code)
	}
	if errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) {
		return mk(ErrTimeout, "", "%s on %s: timed out", what, addr)
	}
	if ctx.Err() != nil {
		return mk(ErrQuery, "", "%s on %s: %v", what, addr, ctx.Err())
	}
	return mk(ErrQuery, "", "%s on %s: %s", what, addr, innermost(err))
}

// innermost returns the text of the deepest wrapped error: pgx's outer
// layers repeat the user and database, the inner one says what happened.
func innermost(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// errorsAs is errors.As with a fresh target, for brevity.
func errorsAs[T any](err error) (T, bool) {
	var t T
	ok := errors.As(err, &t)
	return t, ok
}

// ConnectError classifies a failed connection to connString (cfg is its
// parsed form) into an *Error that names the server and never the
// password; for the other packages that talk to a live database.
func ConnectError(ctx context.Context, cfg *pgconn.Config, connString string, err error) error {
	return connectError(ctx, cfg, newSecrets(connString, cfg.Password), err)
}

// QueryError classifies a failed statement (what says which) like
// ConnectError does.
func QueryError(ctx context.Context, cfg *pgconn.Config, connString, what string, err error) error {
	return queryError(ctx, cfg, newSecrets(connString, cfg.Password), what, err)
}

// Scrub removes every password connString resolves to from msg.
func Scrub(connString string, cfg *pgconn.Config, msg string) string {
	return newSecrets(connString, cfg.Password).scrub(msg)
}

// ServerAddr names the server of cfg for messages: host:port or the socket.
func ServerAddr(cfg *pgconn.Config) string { return serverAddr(cfg) }
