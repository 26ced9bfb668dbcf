// Package explain asks a live PostgreSQL server how it would run a query,
// without running it: the query is prepared with its parameters left to
// type inference, and its generic plan is read with EXPLAIN (FORMAT JSON)
// EXECUTE, with every parameter NULL. A generic plan does not depend on
// the parameter values, so the NULLs only fill the slots.
//
// Everything happens in a READ ONLY transaction that is always rolled
// back, under SET LOCAL statement_timeout and lock_timeout. The package
// sends no statement but the few shapes Allowed accepts, each through the
// extended protocol (which refuses a second statement in one text); it
// never sends EXPLAIN ANALYZE. Planning takes the locks planning takes:
// ACCESS SHARE on the tables read, ROW EXCLUSIVE on an UPDATE or DELETE
// target, waiting at most lock_timeout for them.
//
// It needs PostgreSQL 12 or later (plan_cache_mode). Errors name the
// server, never the password, and are *livedb.Error values with the same
// kinds Introspect uses (livedb.ErrRefused, ErrAuth, ErrTimeout, ...).
package explain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dblint/dblint/sqlschema/load/livedb"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// MinServerVersion is the oldest server the planner works with:
// plan_cache_mode arrived in PostgreSQL 12.
const MinServerVersion = 120000

// Options tune a Planner.
type Options struct {
	// ConnectTimeout bounds connecting when the URL sets no
	// connect_timeout; 10s when zero.
	ConnectTimeout time.Duration
	// StatementTimeout bounds each statement; 5s when zero.
	StatementTimeout time.Duration
	// LockTimeout bounds waiting for a lock (a migration holding one);
	// 1s when zero.
	LockTimeout time.Duration
	// Trace, when set, is called with the text of every statement the
	// planner sends, before it is sent (tests assert on it).
	Trace func(sql string)
}

// Planner plans queries on one connection. It is not safe for concurrent
// use.
type Planner struct {
	conn    *pgconn.PgConn
	cfg     *pgconn.Config
	url     string // to scrub its password from messages
	opts    Options
	version int
	seq     int
}

// Connect opens a connection for planning.
func Connect(ctx context.Context, url string, opts Options) (*Planner, error) {
	cfg, err := pgconn.ParseConfig(url)
	if err != nil {
		return nil, &livedb.Error{Kind: livedb.ErrInvalidURL, Msg: fmt.Sprintf("invalid database URL %s", livedb.RedactURL(url))}
	}
	if opts.ConnectTimeout == 0 {
		opts.ConnectTimeout = 10 * time.Second
	}
	if opts.StatementTimeout == 0 {
		opts.StatementTimeout = 5 * time.Second
	}
	if opts.LockTimeout == 0 {
		opts.LockTimeout = time.Second
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = opts.ConnectTimeout
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "dblint explain"
	}
	p := &Planner{cfg: cfg, opts: opts, url: url}
	conn, err := pgconn.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, p.connectError(ctx, err)
	}
	p.conn = conn
	p.version = serverVersion(conn.ParameterStatus("server_version"))
	if p.version < MinServerVersion {
		p.Close()
		return nil, &livedb.Error{Kind: livedb.ErrUnsupported, Msg: fmt.Sprintf("%s runs PostgreSQL %s; dblint explain needs PostgreSQL 12 or later (plan_cache_mode)",
			p.server(), conn.ParameterStatus("server_version"))}
	}
	return p, nil
}

// Close closes the connection; the session's prepared statements go with it.
func (p *Planner) Close() {
	if p.conn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	p.conn.Close(ctx)
	p.conn = nil
}

// ServerVersion is the server's version as server_version_num (150004).
func (p *Planner) ServerVersion() int { return p.version }

// serverVersion turns a server_version parameter ("15.4 (Debian 15.4-1)",
// "12.17", "16beta1") into a server_version_num.
func serverVersion(s string) int {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && (s[end] == '.' || s[end] >= '0' && s[end] <= '9') {
		end++
	}
	parts := strings.Split(s[:end], ".")
	major, err := strconv.Atoi(parts[0])
	if err != nil {
		return 0
	}
	minor := 0
	if len(parts) > 1 {
		minor, _ = strconv.Atoi(parts[1])
	}
	if major >= 10 {
		return major*10000 + minor
	}
	patch := 0
	if len(parts) > 2 {
		patch, _ = strconv.Atoi(parts[2])
	}
	return major*10000 + minor*100 + patch
}

// PlanError is a query the server would not plan: a syntax or name error,
// a parameter whose type cannot be inferred. The query is left out; it is
// not a failure of the run.
type PlanError struct {
	Msg      string
	SQLState string
}

func (e *PlanError) Error() string { return "could not plan: " + e.Msg }

// Plan is a query's generic plan.
type Plan struct {
	Root *Node
	// JSON is EXPLAIN's output as the server sent it.
	JSON json.RawMessage
}

// Node is one node of a plan, with the fields dblint reads.
type Node struct {
	Type     string  `json:"Node Type"`
	Schema   string  `json:"Schema"`
	Relation string  `json:"Relation Name"`
	Alias    string  `json:"Alias"`
	Index    string  `json:"Index Name"`
	Filter   string  `json:"Filter"`
	Rows     float64 `json:"Plan Rows"`
	Parallel bool    `json:"Parallel Aware"`
	Plans    []*Node `json:"Plans"`
}

// Scan is how a plan reads one relation.
type Scan struct {
	Schema, Table string
	// Kind is the node type: "Seq Scan", "Index Scan", "Index Only Scan",
	// "Bitmap Heap Scan", "Tid Scan", ...
	Kind string
	// Index is the index used, if any (for a bitmap scan, the first).
	Index string
	// Filter is the condition checked on every row read, if any.
	Filter string
}

// Sequential reports whether the scan reads the whole table.
func (s Scan) Sequential() bool { return s.Kind == "Seq Scan" }

// UsesIndex reports whether the scan is driven by an index.
func (s Scan) UsesIndex() bool { return s.Index != "" }

// Scans lists the relation scans of the plan, in plan order.
func (pl *Plan) Scans() []Scan {
	var out []Scan
	var walk func(n *Node)
	walk = func(n *Node) {
		if n == nil {
			return
		}
		if n.Relation != "" && n.Type != "ModifyTable" {
			s := Scan{Schema: n.Schema, Table: n.Relation, Kind: n.Type, Index: n.Index, Filter: n.Filter}
			if n.Type == "Bitmap Heap Scan" {
				s.Index = bitmapIndex(n)
			}
			out = append(out, s)
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	walk(pl.Root)
	return out
}

// bitmapIndex returns the first index under a Bitmap Heap Scan (its
// Bitmap Index Scan children, possibly under BitmapAnd / BitmapOr).
func bitmapIndex(n *Node) string {
	for _, c := range n.Plans {
		if c.Index != "" {
			return c.Index
		}
		if ix := bitmapIndex(c); ix != "" {
			return ix
		}
	}
	return ""
}

// Plannable checks that query is one SELECT, UPDATE or DELETE (the
// statements dblint plans) and returns how many parameters it has: the
// highest $n it uses.
func Plannable(query string) (params int, err error) {
	st, err := pgsql.ParseOne(query)
	if err != nil {
		return 0, err
	}
	if err := plannableNode(st.Node); err != nil {
		return 0, err
	}
	pgsql.Inspect(st.Node, func(n *pgsql.Node) bool {
		if pr := n.GetParamRef(); pr != nil && int(pr.GetNumber()) > params {
			params = int(pr.GetNumber())
		}
		return true
	})
	return params, nil
}

func plannableNode(n *pgsql.Node) error {
	switch {
	case n.GetSelectStmt() != nil:
		if n.GetSelectStmt().GetIntoClause() != nil {
			return errors.New("SELECT INTO creates a table")
		}
		return nil
	case n.GetUpdateStmt() != nil, n.GetDeleteStmt() != nil:
		return nil
	}
	return errors.New("not a SELECT, UPDATE or DELETE")
}

// maxParams bounds the parameters of a planned query (PostgreSQL allows
// 65535 in the protocol; a text with more NULLs than that is not ours).
const maxParams = 65535

// Plan returns the generic plan of query, a SELECT, UPDATE or DELETE with
// $n parameters. A query the server refuses to plan gives a *PlanError;
// any other error (the connection, a timeout) is a *livedb.Error.
func (p *Planner) Plan(ctx context.Context, query string) (*Plan, error) {
	if p.conn == nil {
		return nil, errors.New("explain: planner is closed")
	}
	nparams, err := Plannable(query)
	if err != nil {
		return nil, &PlanError{Msg: err.Error()}
	}
	if nparams > maxParams {
		return nil, &PlanError{Msg: fmt.Sprintf("%d parameters", nparams)}
	}
	p.seq++
	name := "dblint_q_" + strconv.Itoa(p.seq)
	nulls := ""
	if nparams > 0 {
		nulls = "(" + strings.TrimSuffix(strings.Repeat("NULL, ", nparams), ", ") + ")"
	}

	if _, err := p.exec(ctx, "begin a read-only transaction", "BEGIN TRANSACTION READ ONLY"); err != nil {
		return nil, err
	}
	prepared := false
	defer func() {
		// Always roll back, even after an error: an aborted transaction
		// refuses everything else. A prepared statement is not
		// transactional; deallocate it after the rollback when the
		// transaction could not.
		rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		p.exec(rctx, "roll back", "ROLLBACK")
		if prepared {
			p.exec(rctx, "deallocate", "DEALLOCATE "+name)
		}
	}()
	for _, set := range []string{
		"SET LOCAL statement_timeout = " + strconv.FormatInt(p.opts.StatementTimeout.Milliseconds(), 10),
		"SET LOCAL lock_timeout = " + strconv.FormatInt(p.opts.LockTimeout.Milliseconds(), 10),
		"SET LOCAL plan_cache_mode = force_generic_plan",
	} {
		if _, err := p.exec(ctx, "set planner settings", set); err != nil {
			return nil, err
		}
	}
	if _, err := p.exec(ctx, "prepare the query", "PREPARE "+name+" AS "+query); err != nil {
		return nil, err
	}
	prepared = true
	res, err := p.exec(ctx, "explain the query", "EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE "+name+nulls)
	if err != nil {
		return nil, err
	}
	if _, err := p.exec(ctx, "deallocate", "DEALLOCATE "+name); err == nil {
		prepared = false
	}
	if len(res.Rows) != 1 || len(res.Rows[0]) != 1 {
		return nil, &livedb.Error{Kind: livedb.ErrQuery, Msg: fmt.Sprintf("explain the query on %s: unexpected result shape", p.server())}
	}
	raw := append(json.RawMessage(nil), res.Rows[0][0]...)
	var doc []struct {
		Plan *Node `json:"Plan"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc) != 1 || doc[0].Plan == nil {
		return nil, &livedb.Error{Kind: livedb.ErrQuery, Msg: fmt.Sprintf("explain the query on %s: cannot read the plan", p.server())}
	}
	return &Plan{Root: doc[0].Plan, JSON: raw}, nil
}

// exec sends one statement, after checking it against the allow-list.
func (p *Planner) exec(ctx context.Context, what, sql string) (*pgconn.Result, error) {
	if err := Allowed(sql); err != nil {
		// A bug in this package, never user input: refuse loudly.
		return nil, fmt.Errorf("explain: refusing to send a statement: %w", err)
	}
	if p.opts.Trace != nil {
		p.opts.Trace(sql)
	}
	if p.conn == nil || p.conn.IsClosed() {
		return nil, &livedb.Error{Kind: livedb.ErrConnect, Msg: fmt.Sprintf("%s on %s: connection closed", what, p.server())}
	}
	// ExecParams: the extended protocol, which runs exactly one
	// statement per text.
	res := p.conn.ExecParams(ctx, sql, nil, nil, nil, nil).Read()
	if res.Err != nil {
		return nil, p.statementError(ctx, what, res.Err)
	}
	return res, nil
}

// server names the server for messages: host:port or the socket.
func (p *Planner) server() string { return livedb.ServerAddr(p.cfg) }

// connectError classifies a failed connection as livedb does.
func (p *Planner) connectError(ctx context.Context, err error) error {
	return livedb.ConnectError(ctx, p.cfg, p.url, err)
}

// statementError classifies a failed statement: the server refusing to
// plan the query (class 42 syntax, undefined names, indeterminate types;
// 22 data; 0A not supported) is a *PlanError that concerns that query
// alone; a timeout, a permission or the connection failing is a
// *livedb.Error that ends the run.
func (p *Planner) statementError(ctx context.Context, what string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (what == "prepare the query" || what == "explain the query") {
		switch pe.Code {
		case "42501", "57014", "55P03": // permission, statement and lock timeouts: the run
		default:
			return &PlanError{Msg: livedb.Scrub(p.url, p.cfg, pe.Message), SQLState: pe.Code}
		}
	}
	return livedb.QueryError(ctx, p.cfg, p.url, what, err)
}
