package sqlinjection

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/dblint/dblint/internal/report"
)

// Connection strings are found as string literals anywhere in non-test
// files, not only where a connection is opened: a DSN in a constant or a
// config default leaks its password just the same.

// redacted replaces a password in messages.
const redacted = "xxxxx"

// ConfigPackages are the driver packages whose struct types hold a
// connection's password in a field named Password (pgconn.Config, which
// pgx.ConnConfig and pgxpool.Config embed or point to).
var ConfigPackages = []string{
	"github.com/jackc/pgx/v5",
	"github.com/jackc/pgx/v4",
	"github.com/jackc/pgconn",
	"github.com/lib/pq",
}

// dsn is a parsed PostgreSQL connection string.
type dsn struct {
	password    string
	hasPassword bool
	hosts       []string // as written; "" is the default (a local socket)
	sslmode     string
	redacted    string // the text with the password replaced
}

// dsnKeys are libpq keywords that make a key=value string a connection
// string (one of them must be present).
var dsnKeys = map[string]bool{"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true}

var kvKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// parseDSN parses a postgres:// URL or a libpq key=value string.
func parseDSN(s string) (*dsn, bool) {
	lower := strings.ToLower(s)
	for _, scheme := range []string{"postgres://", "postgresql://"} {
		if strings.HasPrefix(lower, scheme) {
			return parseURLDSN(s, len(scheme))
		}
	}
	return parseKVDSN(s)
}

func parseURLDSN(s string, start int) (*dsn, bool) {
	d := &dsn{}
	rest := s[start:]
	query := ""
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, query = rest[:i], rest[i+1:]
	}
	authority := rest
	userinfo := ""
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		userinfo, authority = rest[:at], rest[at+1:]
	}
	if i := strings.IndexByte(authority, '/'); i >= 0 {
		authority = authority[:i]
	}
	for _, h := range strings.Split(authority, ",") {
		d.hosts = append(d.hosts, hostOnly(h))
	}
	red := s
	if user, pass, ok := strings.Cut(userinfo, ":"); ok {
		d.hasPassword = true
		d.password = pass
		if p, err := url.PathUnescape(pass); err == nil {
			d.password = p
		}
		red = s[:start] + user + ":" + redacted + s[start+len(userinfo):]
	}
	if query != "" {
		var kept []string
		for _, kv := range strings.Split(query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			if uv, err := url.QueryUnescape(v); err == nil {
				v = uv
			}
			switch strings.ToLower(k) {
			case "password":
				d.hasPassword, d.password = true, v
				kv = k + "=" + redacted
			case "host":
				d.hosts = nil
				for _, h := range strings.Split(v, ",") {
					d.hosts = append(d.hosts, hostOnly(h))
				}
			case "sslmode":
				d.sslmode = v
			}
			kept = append(kept, kv)
		}
		red = red[:strings.IndexByte(red, '?')+1] + strings.Join(kept, "&")
	}
	d.redacted = red
	return d, true
}

// hostOnly strips the port from host[:port] or [v6]:port.
func hostOnly(h string) string {
	h = strings.TrimSpace(h)
	if strings.HasPrefix(h, "[") {
		if i := strings.IndexByte(h, ']'); i >= 0 {
			return h[1:i]
		}
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.Count(h, ":") == 1 {
		return h[:i]
	}
	return h
}

// parseKVDSN parses "host=db user=app password='s e' dbname=shop".
func parseKVDSN(s string) (*dsn, bool) {
	d := &dsn{}
	var b strings.Builder
	n, known := 0, false
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			b.WriteByte(s[i])
			i++
		}
		if i >= len(s) {
			break
		}
		eq := strings.IndexByte(s[i:], '=')
		if eq <= 0 {
			return nil, false
		}
		key := strings.TrimRight(s[i:i+eq], " \t")
		if !kvKey.MatchString(key) {
			return nil, false
		}
		j := i + eq + 1
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		var val string
		k := j
		if k < len(s) && s[k] == '\'' {
			var v strings.Builder
			k++
			for k < len(s) && s[k] != '\'' {
				if s[k] == '\\' && k+1 < len(s) {
					k++
				}
				v.WriteByte(s[k])
				k++
			}
			if k >= len(s) {
				return nil, false // an unterminated quote
			}
			k++
			val = v.String()
		} else {
			for k < len(s) && !isSpace(s[k]) {
				k++
			}
			val = s[j:k]
		}
		switch strings.ToLower(key) {
		case "password":
			d.hasPassword, d.password = true, val
			b.WriteString(s[i:j] + redacted)
		case "host":
			for _, h := range strings.Split(val, ",") {
				d.hosts = append(d.hosts, strings.TrimSpace(h))
			}
			b.WriteString(s[i:k])
		case "sslmode":
			d.sslmode = val
			b.WriteString(s[i:k])
		default:
			b.WriteString(s[i:k])
		}
		known = known || dsnKeys[strings.ToLower(key)]
		n++
		i = k
	}
	if n < 2 || !known {
		return nil, false
	}
	d.redacted = b.String()
	return d, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

var fmtVerb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// isTemplate reports whether a value is filled in later: "$DB_PASSWORD",
// "${DB_PASSWORD}", a fmt verb, a text/template action, "<password>", or
// an already redacted "*****".
func isTemplate(v string) bool {
	switch {
	case strings.HasPrefix(v, "$"), strings.Contains(v, "{{"), fmtVerb.MatchString(v):
		return true
	case strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">"):
		return true
	case strings.Trim(v, "*") == "" || strings.Trim(v, "xX") == "":
		return true
	}
	return false
}

// isLocalHost reports whether a DSN host is this machine or a socket.
func isLocalHost(h string) bool {
	switch strings.ToLower(h) {
	case "", "localhost", "127.0.0.1", "::1":
		return true
	}
	return strings.HasPrefix(h, "/") || strings.HasPrefix(h, "@") || strings.HasPrefix(h, "127.")
}

func checkConnStrings(pass *analysis.Pass, in *inspector.Inspector, r *report.Reporter) {
	for cur := range in.Root().Preorder((*ast.BasicLit)(nil), (*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)) {
		n := cur.Node()
		if report.InTestFile(pass.Fset, n.Pos()) {
			continue
		}
		switch n := n.(type) {
		case *ast.BasicLit:
			switch cur.ParentEdgeKind() {
			case edge.Field_Tag, edge.ImportSpec_Path:
				continue
			case edge.CaseClause_List:
				continue // case "...": telling a value apart
			case edge.BinaryExpr_X, edge.BinaryExpr_Y:
				// url == "user=postgres password=postgres ...": telling
				// the default apart, not connecting with it.
				if op := cur.Parent().Node().(*ast.BinaryExpr).Op; op == token.EQL || op == token.NEQ {
					continue
				}
			}
			if n.Kind == token.STRING {
				if s, err := strconv.Unquote(n.Value); err == nil {
					checkDSNLiteral(r, n, s)
				}
			}
		case *ast.CompositeLit:
			checkConfigLiteral(pass, r, n)
		case *ast.AssignStmt:
			checkPasswordAssign(pass, r, n)
		}
	}
}

func checkDSNLiteral(r *report.Reporter, lit *ast.BasicLit, s string) {
	if len(s) > 4096 || !strings.Contains(s, "=") && !strings.Contains(s, "://") {
		return
	}
	d, ok := parseDSN(s)
	if !ok {
		return
	}
	shown := fmt.Sprintf("%q", report.Shorten(d.redacted, 80))
	if d.hasPassword && d.password != "" && !isTemplate(d.password) {
		r.ReportNode(RuleHardcodedCredentials, lit, fmt.Sprintf(
			"connection string %s has a hardcoded password; read it from the environment or a secret store", shown))
	}
	if strings.EqualFold(d.sslmode, "disable") {
		for _, h := range d.hosts {
			if isTemplate(h) || isLocalHost(h) {
				continue
			}
			r.ReportNode(RuleSSLModeDisable, lit, fmt.Sprintf(
				"connection string %s disables TLS for host %q; use sslmode=verify-full (or at least require)", shown, h))
			break
		}
	}
}

// isConfigField reports whether a field is the Password of a driver's
// connection config.
func isConfigField(obj types.Object) bool {
	if obj == nil || obj.Name() != "Password" || obj.Pkg() == nil {
		return false
	}
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() {
		return false
	}
	for _, p := range ConfigPackages {
		if path := obj.Pkg().Path(); path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// hardcoded returns the password a constant expression sets, if it is one.
func hardcoded(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	v := constant.StringVal(tv.Value)
	return v != "" && !isTemplate(v)
}

// checkConfigLiteral reports pgconn.Config{Password: "secret"}.
func checkConfigLiteral(pass *analysis.Pass, r *report.Reporter, lit *ast.CompositeLit) {
	typ := pass.TypesInfo.TypeOf(lit)
	if typ == nil {
		return
	}
	st, ok := typ.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || key.Name != "Password" {
			continue
		}
		for i := range st.NumFields() {
			if f := st.Field(i); f.Name() == "Password" && isConfigField(f) && hardcoded(pass.TypesInfo, kv.Value) {
				r.ReportNode(RuleHardcodedCredentials, kv.Value, fmt.Sprintf(
					"%s literal sets a hardcoded Password; read it from the environment or a secret store", types.TypeString(typ, shortQualifier)))
			}
		}
	}
}

// checkPasswordAssign reports cfg.ConnConfig.Password = "secret".
func checkPasswordAssign(pass *analysis.Pass, r *report.Reporter, as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, l := range as.Lhs {
		sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		s := pass.TypesInfo.Selections[sel]
		if s == nil || s.Kind() != types.FieldVal || !isConfigField(s.Obj()) || !hardcoded(pass.TypesInfo, as.Rhs[i]) {
			continue
		}
		r.ReportNode(RuleHardcodedCredentials, as.Rhs[i], fmt.Sprintf(
			"%s is set to a hardcoded password; read it from the environment or a secret store", report.Shorten(types.ExprString(sel), 60)))
	}
}

func shortQualifier(p *types.Package) string { return p.Name() }
