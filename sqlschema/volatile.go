package sqlschema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// IsVolatileExpr reports whether evaluating the expression may give a
// different value per row: it calls a volatile function (random(),
// gen_random_uuid(), nextval(), clock_timestamp(), ...) or any function
// dblint does not know to be stable or immutable (a user function is
// assumed volatile). Constants, casts of constants, operators and stable
// functions such as now() are not volatile. A DEFAULT with a volatile
// expression forces a table rewrite when the column is added.
func IsVolatileExpr(n *pgsql.Node) bool {
	volatile := false
	walkExpr(n, func(n *pgsql.Node) bool {
		switch x := n.GetNode().(type) {
		case *pgsql.Node_FuncCall:
			_, name := splitName(strs(x.FuncCall.GetFuncname()))
			if !nonVolatileFuncs[strings.ToLower(name)] {
				volatile = true
			}
		case *pgsql.Node_SubLink, *pgsql.Node_NextValueExpr:
			volatile = true
		}
		return !volatile
	})
	return volatile
}

// nonVolatileFuncs are functions known to be stable or immutable.
// Anything else, including the volatile random, gen_random_uuid,
// uuid_generate_v1/v4, clock_timestamp, timeofday, nextval, txid_current
// and setseed, counts as volatile.
var nonVolatileFuncs = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`
		now transaction_timestamp statement_timestamp current_timestamp localtimestamp
		current_date current_time localtime timezone date_trunc date_part extract date_bin
		age make_date make_time make_timestamp make_timestamptz make_interval justify_days
		justify_hours justify_interval to_timestamp to_date to_char to_number isfinite
		lower upper initcap btrim trim ltrim rtrim lpad rpad substr substring left right
		replace translate split_part concat concat_ws format length char_length
		character_length octet_length bit_length position strpos repeat reverse
		md5 sha224 sha256 sha384 sha512 digest hmac encode decode convert_to convert_from
		quote_ident quote_literal quote_nullable regexp_replace regexp_match regexp_matches
		regexp_split_to_array starts_with ascii chr to_hex unaccent
		coalesce nullif greatest least
		abs ceil ceiling floor round trunc sign mod power pow sqrt cbrt exp ln log log10
		pi degrees radians div gcd lcm width_bucket scale
		array_append array_prepend array_cat array_length array_lower array_upper
		array_position array_positions array_remove array_replace array_to_string
		string_to_array cardinality array_fill unnest
		to_json to_jsonb row_to_json array_to_json json_build_object jsonb_build_object
		json_build_array jsonb_build_array json_object jsonb_object jsonb_set jsonb_insert
		jsonb_strip_nulls json_strip_nulls jsonb_pretty jsonb_typeof json_typeof
		jsonb_array_length json_array_length jsonb_extract_path json_extract_path
		jsonb_extract_path_text json_extract_path_text
		to_tsvector to_tsquery plainto_tsquery phraseto_tsquery websearch_to_tsquery
		setweight array_to_tsvector
		current_setting current_user session_user current_role current_schema current_database
		current_catalog version inet_client_addr pg_backend_pid
		int2 int4 int8 float4 float8 numeric text varchar bpchar bool date time timetz
		timestamp timestamptz interval uuid json jsonb bytea inet cidr
		point box circle polygon lseg line path
		int4range int8range numrange tsrange tstzrange daterange
		host network netmask masklen family
	`) {
		nonVolatileFuncs[f] = true
	}
}

// walkExpr calls fn for n and, while fn returns true, for the expressions
// under it. It knows the expression nodes that appear in DDL (defaults,
// checks, index expressions and predicates, generated columns) and
// queries' target lists, join conditions and WHERE clauses.
func walkExpr(n *pgsql.Node, fn func(*pgsql.Node) bool) {
	if n == nil || n.GetNode() == nil {
		return
	}
	if !fn(n) {
		return
	}
	walkList := func(l []*pgsql.Node) {
		for _, x := range l {
			walkExpr(x, fn)
		}
	}
	switch x := n.GetNode().(type) {
	case *pgsql.Node_AExpr:
		walkExpr(x.AExpr.GetLexpr(), fn)
		walkExpr(x.AExpr.GetRexpr(), fn)
	case *pgsql.Node_BoolExpr:
		walkList(x.BoolExpr.GetArgs())
	case *pgsql.Node_FuncCall:
		walkList(x.FuncCall.GetArgs())
		walkList(x.FuncCall.GetAggOrder())
		walkExpr(x.FuncCall.GetAggFilter(), fn)
	case *pgsql.Node_TypeCast:
		walkExpr(x.TypeCast.GetArg(), fn)
	case *pgsql.Node_CollateClause:
		walkExpr(x.CollateClause.GetArg(), fn)
	case *pgsql.Node_NullTest:
		walkExpr(x.NullTest.GetArg(), fn)
	case *pgsql.Node_BooleanTest:
		walkExpr(x.BooleanTest.GetArg(), fn)
	case *pgsql.Node_CoalesceExpr:
		walkList(x.CoalesceExpr.GetArgs())
	case *pgsql.Node_MinMaxExpr:
		walkList(x.MinMaxExpr.GetArgs())
	case *pgsql.Node_CaseExpr:
		walkExpr(x.CaseExpr.GetArg(), fn)
		walkList(x.CaseExpr.GetArgs())
		walkExpr(x.CaseExpr.GetDefresult(), fn)
	case *pgsql.Node_CaseWhen:
		walkExpr(x.CaseWhen.GetExpr(), fn)
		walkExpr(x.CaseWhen.GetResult(), fn)
	case *pgsql.Node_AArrayExpr:
		walkList(x.AArrayExpr.GetElements())
	case *pgsql.Node_RowExpr:
		walkList(x.RowExpr.GetArgs())
	case *pgsql.Node_AIndirection:
		walkExpr(x.AIndirection.GetArg(), fn)
		walkList(x.AIndirection.GetIndirection())
	case *pgsql.Node_AIndices:
		walkExpr(x.AIndices.GetLidx(), fn)
		walkExpr(x.AIndices.GetUidx(), fn)
	case *pgsql.Node_List:
		walkList(x.List.GetItems())
	case *pgsql.Node_SubLink:
		walkExpr(x.SubLink.GetTestexpr(), fn)
	case *pgsql.Node_NamedArgExpr:
		walkExpr(x.NamedArgExpr.GetArg(), fn)
	case *pgsql.Node_ResTarget:
		walkExpr(x.ResTarget.GetVal(), fn)
	case *pgsql.Node_SortBy:
		walkExpr(x.SortBy.GetNode(), fn)
	}
}

// columnRefs returns the distinct column names an expression refers to
// (the last field of each column reference), in order of appearance.
func columnRefs(n *pgsql.Node) []string {
	var out []string
	seen := map[string]bool{}
	walkExpr(n, func(n *pgsql.Node) bool {
		if cr := n.GetColumnRef(); cr != nil {
			f := cr.GetFields()
			if len(f) > 0 {
				if s := f[len(f)-1].GetString_(); s != nil && !seen[s.GetSval()] {
					seen[s.GetSval()] = true
					out = append(out, s.GetSval())
				}
			}
		}
		return true
	})
	return out
}

// Default rendering.
//
// Column.Default is the expression as pg_get_expr(adbin, adrelid) prints
// it, for the shapes defaults usually take: constants (labeled with the
// column's type the way PostgreSQL coerces them: 'active'::text, 0,
// '-1'::integer, 1.5, false, '{}'::jsonb, 'x'::character varying), casts
// ((0)::bigint, 'abc'::character varying(3)), function calls (now(),
// gen_random_uuid(), nextval('orders_id_seq'::regclass), lower('X'::text)),
// SQL value functions (CURRENT_TIMESTAMP, CURRENT_DATE), operators in
// parentheses ((now() + '1 day'::interval)), NOT, AND/OR, IS NULL,
// COALESCE and ARRAY[...]. Any other node is rendered by
// pgsql.DeparseExpr. Literal labels inside function arguments are known
// only for a few common functions; elsewhere a string literal is labeled
// ::text when PostgreSQL would resolve it that way or left bare.

// renderDefault renders a DEFAULT expression for a column of type colType;
// "" for DEFAULT NULL, which PostgreSQL does not store.
func (a *applier) renderDefault(n *pgsql.Node, colType string) string {
	if ac := n.GetAConst(); ac != nil && ac.GetIsnull() {
		return ""
	}
	p := exprPrinter{c: a.c}
	s, _ := p.print(n, p.constType(colType))
	return s
}

// renderExpr renders a generated column's expression.
func (a *applier) renderExpr(n *pgsql.Node) string {
	p := exprPrinter{c: a.c}
	s, _ := p.print(n, "")
	return s
}

type exprPrinter struct{ c *Catalog }

// constType returns the type a literal coerced to typ becomes: a domain's
// base type, the type without its modifier (PostgreSQL applies length
// coercions separately, and they print as nothing).
func (p exprPrinter) constType(typ string) string {
	if typ == "" {
		return ""
	}
	arr := strings.HasSuffix(typ, "[]")
	base := baseType(typ)
	if strings.HasPrefix(base, "interval") {
		base = "interval"
	}
	if p.c != nil {
		schema, name := splitQualified(base)
		if schema == "" {
			schema = "public"
		}
		if s := p.c.Schemas[schema]; s != nil {
			if d := s.Domains[name]; d != nil && d.BaseType != "" && !arr {
				return p.constType(d.BaseType)
			}
		}
	}
	if arr {
		return base + "[]"
	}
	return base
}

// funcResultTypes are the result types of functions seen in defaults.
var funcResultTypes = map[string]string{
	"now": "timestamptz", "transaction_timestamp": "timestamptz", "statement_timestamp": "timestamptz",
	"clock_timestamp": "timestamptz", "gen_random_uuid": "uuid", "uuid_generate_v4": "uuid",
	"uuid_generate_v1": "uuid", "uuid_generate_v1mc": "uuid", "random": "float8", "nextval": "int8",
	"txid_current": "int8", "lower": "text", "upper": "text", "md5": "text", "concat": "text",
	"concat_ws": "text", "btrim": "text", "timeofday": "text", "to_char": "text", "encode": "text",
	"current_setting": "text", "date_trunc": "timestamptz",
}

// funcParamTypes are parameter types used to label string literals passed
// to common functions; the last entry repeats for further arguments.
var funcParamTypes = map[string][]string{
	"nextval": {"regclass"}, "currval": {"regclass"}, "setval": {"regclass", "int8", "bool"},
	"lower": {"text"}, "upper": {"text"}, "md5": {"text"}, "initcap": {"text"},
	"btrim": {"text"}, "ltrim": {"text"}, "rtrim": {"text"}, "length": {"text"},
	"replace": {"text"}, "split_part": {"text", "text", "int4"}, "left": {"text", "int4"},
	"right": {"text", "int4"}, "repeat": {"text", "int4"}, "to_char": {"", "text"},
	"date_trunc": {"text", ""}, "encode": {"bytea", "text"}, "decode": {"text", "text"},
	"current_setting": {"text", "bool"}, "gen_random_bytes": {"int4"}, "digest": {"text", "text"},
	"to_tsvector": {"regconfig", "text"}, "to_tsquery": {"regconfig", "text"},
	"timezone": {"text", ""}, "concat_ws": {"text", ""},
}

// print renders n; want is the type an untyped literal takes ("" leaves
// it untyped). It returns the text and the expression's type when known.
func (p exprPrinter) print(n *pgsql.Node, want string) (string, string) {
	switch x := n.GetNode().(type) {
	case *pgsql.Node_AConst:
		return p.constant(x.AConst, want, false)
	case *pgsql.Node_TypeCast:
		return p.cast(x.TypeCast)
	case *pgsql.Node_FuncCall:
		return p.funcCall(x.FuncCall)
	case *pgsql.Node_SqlvalueFunction:
		return sqlValueFunction(x.SqlvalueFunction)
	case *pgsql.Node_AExpr:
		if x.AExpr.GetKind() == pgsql.A_Expr_Kind_AEXPR_OP {
			return p.operator(x.AExpr)
		}
	case *pgsql.Node_BoolExpr:
		var parts []string
		for _, arg := range x.BoolExpr.GetArgs() {
			s, _ := p.print(arg, "bool")
			parts = append(parts, s)
		}
		switch x.BoolExpr.GetBoolop() {
		case pgsql.BoolExprType_NOT_EXPR:
			if len(parts) == 1 {
				return "(NOT " + parts[0] + ")", "bool"
			}
		case pgsql.BoolExprType_AND_EXPR:
			return "(" + strings.Join(parts, " AND ") + ")", "bool"
		case pgsql.BoolExprType_OR_EXPR:
			return "(" + strings.Join(parts, " OR ") + ")", "bool"
		}
	case *pgsql.Node_NullTest:
		s, _ := p.print(x.NullTest.GetArg(), "")
		if x.NullTest.GetNulltesttype() == pgsql.NullTestType_IS_NOT_NULL {
			return "(" + s + " IS NOT NULL)", "bool"
		}
		return "(" + s + " IS NULL)", "bool"
	case *pgsql.Node_CoalesceExpr:
		args := x.CoalesceExpr.GetArgs()
		typ := ""
		for _, arg := range args {
			if _, t := p.print(arg, ""); t != "" && t != "unknown" {
				typ = t
				break
			}
		}
		if typ == "" {
			typ = "text"
		}
		var parts []string
		for _, arg := range args {
			s, _ := p.print(arg, typ)
			parts = append(parts, s)
		}
		return "COALESCE(" + strings.Join(parts, ", ") + ")", typ
	case *pgsql.Node_AArrayExpr:
		elem := strings.TrimSuffix(want, "[]")
		if elem == want {
			elem = ""
		}
		var parts []string
		for _, e := range x.AArrayExpr.GetElements() {
			s, t := p.print(e, elem)
			if elem == "" {
				elem = t
			}
			parts = append(parts, s)
		}
		typ := ""
		if elem != "" {
			typ = elem + "[]"
		}
		return "ARRAY[" + strings.Join(parts, ", ") + "]", typ
	case *pgsql.Node_CaseExpr:
		ce := x.CaseExpr
		if ce.GetArg() != nil {
			break
		}
		var results []*pgsql.Node
		for _, w := range ce.GetArgs() {
			results = append(results, w.GetCaseWhen().GetResult())
		}
		if ce.GetDefresult() != nil {
			results = append(results, ce.GetDefresult())
		}
		typ := ""
		for _, r := range results {
			if _, t := p.print(r, ""); t != "" && t != "unknown" {
				typ = t
				break
			}
		}
		if typ == "" {
			typ = "text"
		}
		// pg_get_expr indents CASE (PRETTYFLAG_INDENT), as at top level.
		out := "\nCASE"
		for _, w := range ce.GetArgs() {
			cw := w.GetCaseWhen()
			cond, _ := p.print(cw.GetExpr(), "bool")
			res, _ := p.print(cw.GetResult(), typ)
			out += "\n    WHEN " + cond + " THEN " + res
		}
		if d := ce.GetDefresult(); d != nil {
			res, _ := p.print(d, typ)
			out += "\n    ELSE " + res
		}
		return out + "\nEND", typ
	case *pgsql.Node_ColumnRef:
		var parts []string
		for _, f := range x.ColumnRef.GetFields() {
			if s := f.GetString_(); s != nil {
				parts = append(parts, quoteIdent(s.GetSval()))
			} else {
				parts = append(parts, "*")
			}
		}
		return strings.Join(parts, "."), ""
	}
	return pgsql.DeparseExpr(n), ""
}

// constant renders a literal as PostgreSQL prints a Const: integers bare
// (negative ones quoted and labeled), float-looking numerics bare, booleans
// as true/false, and everything else quoted with a ::type label. A string
// literal takes the type want; with none it stays an untyped literal.
// bare suppresses the label (the caller prints a cast after it).
func (p exprPrinter) constant(ac *pgsql.A_Const, want string, bare bool) (string, string) {
	switch {
	case ac.GetIsnull():
		if want == "" || want == "unknown" {
			return "NULL", "unknown"
		}
		if bare {
			return "NULL", want
		}
		return "NULL::" + formatType(want, false), want
	case ac.GetBoolval() != nil:
		if ac.GetBoolval().GetBoolval() {
			return "true", "bool"
		}
		return "false", "bool"
	case ac.GetSval() != nil:
		v := ac.GetSval().GetSval()
		if want == "" || want == "unknown" {
			return quoteLiteral(v), "unknown"
		}
		return typedLiteral(v, want, bare), want
	case ac.GetFval() != nil:
		v := ac.GetFval().GetFval()
		if !strings.ContainsAny(v, ".eE") {
			if i, err := strconv.ParseInt(v, 10, 64); err == nil {
				return typedLiteral(strconv.FormatInt(i, 10), "int8", bare), "int8"
			}
		}
		return typedLiteral(v, "numeric", bare), "numeric"
	case ac.GetBsval() != nil:
		return pgsql.DeparseExpr(&pgsql.Node{Node: &pgsql.Node_AConst{AConst: ac}}), "bit"
	default:
		return typedLiteral(strconv.Itoa(int(ac.GetIval().GetIval())), "int4", bare), "int4"
	}
}

// typedLiteral renders the text v as a constant of type typ (a constType).
func typedLiteral(v, typ string, bare bool) string {
	label := func(s string) string {
		if bare {
			return s
		}
		return s + "::" + formatType(typ, false)
	}
	switch typ {
	case "int4":
		i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32)
		if err != nil {
			return label(quoteLiteral(v))
		}
		if i < 0 {
			return label(quoteLiteral(strconv.FormatInt(i, 10)))
		}
		return strconv.FormatInt(i, 10)
	case "int2", "int8":
		if i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			v = strconv.FormatInt(i, 10)
		}
		return label(quoteLiteral(v))
	case "numeric":
		v = normalizeNumeric(v)
		if v != "" && v[0] >= '0' && v[0] <= '9' && strings.ContainsAny(v, ".eE") {
			return v
		}
		return label(quoteLiteral(v))
	case "float4", "float8":
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			v = strconv.FormatFloat(f, 'g', -1, 64)
			v = strings.Replace(v, "e+0", "e+", 1)
			v = strings.Replace(v, "e-0", "e-", 1)
		}
		return label(quoteLiteral(v))
	case "interval":
		return label(quoteLiteral(normalizeInterval(v)))
	case "bool":
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "t", "true", "y", "yes", "on", "1":
			return "true"
		case "f", "false", "n", "no", "off", "0":
			return "false"
		}
		return label(quoteLiteral(v))
	}
	return label(quoteLiteral(v))
}

// normalizeNumeric renders a numeric literal as numeric_out would:
// 1e10 -> 10000000000, 1.50 -> 1.50, .5 -> 0.5, 1.5e-1 -> 0.15.
func normalizeNumeric(v string) string {
	v = strings.TrimSpace(v)
	sign := ""
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") {
		if v[0] == '-' {
			sign = "-"
		}
		v = v[1:]
	}
	mant, exp := v, 0
	if i := strings.IndexAny(v, "eE"); i >= 0 {
		e, err := strconv.Atoi(v[i+1:])
		if err != nil {
			return sign + v
		}
		mant, exp = v[:i], e
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	digits := intPart + frac
	for _, r := range digits {
		if r < '0' || r > '9' {
			return sign + v
		}
	}
	if digits == "" || exp > 1000 || exp < -1000 {
		return sign + v
	}
	scale := len(frac) - exp // digits * 10^-scale
	var out string
	if scale <= 0 {
		out = digits + strings.Repeat("0", -scale)
		out = strings.TrimLeft(out, "0")
		if out == "" {
			out = "0"
		}
	} else {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		ip := strings.TrimLeft(digits[:len(digits)-scale], "0")
		if ip == "" {
			ip = "0"
		}
		out = ip + "." + digits[len(digits)-scale:]
	}
	if sign == "-" && strings.Trim(out, "0.") == "" {
		sign = "" // numeric has no negative zero
	}
	return sign + out
}

// quoteLiteral quotes a string literal as PostgreSQL prints one.
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// cast renders a TypeCast as ruleutils does: a literal becomes a Const of
// the target type; a cast to the type the argument already has vanishes;
// anything else is (arg)::type.
func (p exprPrinter) cast(tc *pgsql.TypeCast) (string, string) {
	target, _, _ := normalizeType(tc.GetTypeName(), p.c)
	if target == "" {
		return pgsql.DeparseExpr(&pgsql.Node{Node: &pgsql.Node_TypeCast{TypeCast: tc}}), ""
	}
	ct := p.constType(target)
	hasMods := strings.Contains(strings.TrimSuffix(target, "[]"), "(") && !strings.HasPrefix(target, "interval")
	arg := tc.GetArg()
	if ac := arg.GetAConst(); ac != nil && (ac.GetSval() != nil || ac.GetIsnull()) {
		if hasMods {
			s, _ := p.constant(ac, ct, true)
			return s + "::" + formatType(target, true), target
		}
		s, _ := p.constant(ac, ct, false)
		return s, target
	}
	if ae := arg.GetAArrayExpr(); ae != nil && len(ae.GetElements()) == 0 {
		return "ARRAY[]::" + formatType(target, true), target
	}
	if ae := arg.GetAArrayExpr(); ae != nil && strings.HasSuffix(target, "[]") {
		s, _ := p.print(arg, ct)
		return s, target
	}
	s, at := p.print(arg, "")
	if at == ct && !hasMods {
		return s, target
	}
	if ac := arg.GetAConst(); ac != nil {
		// The constant prints bare when it is already of the target type.
		if b, bt := p.constant(ac, "", true); bt == ct {
			return b + "::" + formatType(target, true), target
		}
	}
	return "(" + s + ")::" + formatType(target, true), target
}

func (p exprPrinter) funcCall(fc *pgsql.FuncCall) (string, string) {
	names := strs(fc.GetFuncname())
	schema, name := splitName(names)
	if fc.GetAggStar() || fc.GetAggDistinct() || fc.GetOver() != nil || len(fc.GetAggOrder()) > 0 || fc.GetAggFilter() != nil || fc.GetFuncVariadic() {
		return pgsql.DeparseExpr(&pgsql.Node{Node: &pgsql.Node_FuncCall{FuncCall: fc}}), ""
	}
	args := fc.GetArgs()
	if fc.GetFuncformat() == pgsql.CoercionForm_COERCE_SQL_SYNTAX {
		switch {
		case name == "timezone" && len(args) == 2:
			zone, _ := p.print(args[0], "text")
			ts, tt := p.print(args[1], "")
			rt := ""
			switch tt {
			case "timestamptz":
				rt = "timestamp"
			case "timestamp":
				rt = "timestamptz"
			}
			return "(" + ts + " AT TIME ZONE " + zone + ")", rt
		case name == "extract" && len(args) == 2 && args[0].GetAConst().GetSval() != nil:
			src, _ := p.print(args[1], "")
			return "EXTRACT(" + args[0].GetAConst().GetSval().GetSval() + " FROM " + src + ")", "numeric"
		case name == "substring" && (len(args) == 2 || len(args) == 3):
			str, _ := p.print(args[0], "text")
			from, _ := p.print(args[1], "int4")
			out := "SUBSTRING(" + str + " FROM " + from
			if len(args) == 3 {
				n, _ := p.print(args[2], "int4")
				out += " FOR " + n
			}
			return out + ")", "text"
		}
		return pgsql.DeparseExpr(&pgsql.Node{Node: &pgsql.Node_FuncCall{FuncCall: fc}}), ""
	}
	params := funcParamTypes[name]
	var parts []string
	for i, arg := range args {
		if arg.GetNamedArgExpr() != nil {
			return pgsql.DeparseExpr(&pgsql.Node{Node: &pgsql.Node_FuncCall{FuncCall: fc}}), ""
		}
		want := ""
		if len(params) > 0 {
			want = params[min(i, len(params)-1)]
		}
		s, _ := p.print(arg, want)
		if want == "regclass" {
			s = unqualifyRegclass(s)
		}
		parts = append(parts, s)
	}
	shown := quoteIdent(name)
	if schema != "" && schema != "pg_catalog" && schema != "public" {
		shown = quoteIdent(schema) + "." + shown
	}
	return shown + "(" + strings.Join(parts, ", ") + ")", funcResultTypes[name]
}

// unqualifyRegclass drops "public." from a regclass literal: regclass
// prints names visible on the default search_path unqualified.
func unqualifyRegclass(s string) string {
	return strings.Replace(s, "'public.", "'", 1)
}

func sqlValueFunction(f *pgsql.SQLValueFunction) (string, string) {
	prec := ""
	if f.GetTypmod() >= 0 {
		prec = "(" + strconv.Itoa(int(f.GetTypmod())) + ")"
	}
	switch f.GetOp() {
	case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
		return "CURRENT_DATE", "date"
	case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_TIME, pgsql.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N:
		return "CURRENT_TIME" + prec, "timetz"
	case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pgsql.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
		return "CURRENT_TIMESTAMP" + prec, "timestamptz"
	case pgsql.SQLValueFunctionOp_SVFOP_LOCALTIME, pgsql.SQLValueFunctionOp_SVFOP_LOCALTIME_N:
		return "LOCALTIME" + prec, "time"
	case pgsql.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pgsql.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
		return "LOCALTIMESTAMP" + prec, "timestamp"
	case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:
		return "CURRENT_ROLE", "name"
	case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_USER:
		return "CURRENT_USER", "name"
	case pgsql.SQLValueFunctionOp_SVFOP_USER:
		return "USER", "name"
	case pgsql.SQLValueFunctionOp_SVFOP_SESSION_USER:
		return "SESSION_USER", "name"
	case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:
		return "CURRENT_CATALOG", "name"
	case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
		return "CURRENT_SCHEMA", "name"
	}
	return pgsql.DeparseExpr(&pgsql.Node{Node: &pgsql.Node_SqlvalueFunction{SqlvalueFunction: f}}), ""
}

// operator renders a binary or prefix operator in parentheses, as
// pg_get_expr does; an untyped literal operand takes the other operand's
// type, or text.
func (p exprPrinter) operator(e *pgsql.A_Expr) (string, string) {
	ops := strs(e.GetName())
	if len(ops) != 1 {
		return "(" + pgsql.DeparseExpr(&pgsql.Node{Node: &pgsql.Node_AExpr{AExpr: e}}) + ")", ""
	}
	op := ops[0]
	if e.GetLexpr() == nil {
		r, rt := p.print(e.GetRexpr(), "")
		return "(" + op + " " + r + ")", rt
	}
	_, lt := p.print(e.GetLexpr(), "")
	_, rt := p.print(e.GetRexpr(), "")
	lw, rw := rt, lt
	if lt == "unknown" && rt == "unknown" {
		lw, rw = "text", "text"
	}
	if (op == "+" || op == "-") && (lt == "timestamptz" || lt == "timestamp" || lt == "date") && rt == "unknown" {
		rw = "interval"
	}
	if lw == "unknown" {
		lw = "text"
	}
	if rw == "unknown" {
		rw = "text"
	}
	l, lt2 := p.print(e.GetLexpr(), lw)
	r, rt2 := p.print(e.GetRexpr(), rw)
	// Operands are printed with their implicit casts: float8 * int4 has
	// no operator, so PostgreSQL casts the integer, (10)::double precision.
	switch op {
	case "+", "-", "*", "/", "%":
		l = promoteOperand(l, lt2, rt2, e.GetLexpr())
		r = promoteOperand(r, rt2, lt2, e.GetRexpr())
	}
	typ := ""
	switch op {
	case "=", "<>", "!=", "<", ">", "<=", ">=", "~~", "!~~", "~", "~*", "!~", "!~*", "@>", "<@", "&&", "?", "?|", "?&":
		typ = "bool"
	case "||":
		typ = "text"
	default:
		if lt2 != "" && lt2 != "unknown" {
			typ = lt2
		} else {
			typ = rt2
		}
	}
	return "(" + l + " " + op + " " + r + ")", typ
}

// promoteOperand adds the implicit cast PostgreSQL shows on a numeric
// constant operand whose type is promoted to the other operand's.
func promoteOperand(s, typ, other string, n *pgsql.Node) string {
	if n.GetAConst() == nil {
		return s
	}
	rank := map[string]int{"int2": 1, "int4": 2, "int8": 3, "numeric": 4, "float4": 5, "float8": 6}
	r, ok := rank[typ]
	ro, ok2 := rank[other]
	if !ok || !ok2 || ro <= r || ro <= 3 {
		return s // integer types mix without casts
	}
	return "(" + s + ")::" + formatType(other, false)
}

// normalizeInterval renders simple interval input the way interval_out
// prints it: '1 hour' -> '01:00:00', '2 weeks' -> '14 days'. Input it
// does not understand is returned unchanged.
func normalizeInterval(v string) string {
	f := strings.Fields(strings.ToLower(v))
	var years, months, days, secs int64
	for i := 0; i < len(f); i++ {
		tok := f[i]
		if strings.Contains(tok, ":") {
			parts := strings.Split(tok, ":")
			if len(parts) < 2 || len(parts) > 3 {
				return v
			}
			var hms [3]int64
			for j, p := range parts {
				n, err := strconv.ParseInt(p, 10, 64)
				if err != nil || n < 0 {
					return v
				}
				hms[j] = n
			}
			secs += hms[0]*3600 + hms[1]*60 + hms[2]
			continue
		}
		num, unit := tok, ""
		if j := strings.IndexFunc(tok, func(r rune) bool { return (r < '0' || r > '9') && r != '-' }); j > 0 {
			num, unit = tok[:j], tok[j:]
		} else if i+1 < len(f) {
			unit = f[i+1]
			i++
		}
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return v
		}
		u := strings.TrimSuffix(unit, "s")
		if n < 0 && u != "y" && u != "yr" && u != "year" && u != "mon" && u != "month" && u != "d" && u != "day" && u != "w" && u != "week" {
			return v
		}
		switch u {
		case "y", "yr", "year":
			years += n
		case "mon", "month":
			months += n
		case "w", "week":
			days += 7 * n
		case "d", "day":
			days += n
		case "h", "hr", "hour":
			secs += 3600 * n
		case "m", "min", "minute":
			secs += 60 * n
		case "", "sec", "second":
			secs += n
		default:
			return v
		}
	}
	if years < 0 || months < 0 {
		if years > 0 || months > 0 {
			return v
		}
	} else {
		years += months / 12
		months %= 12
	}
	var out []string
	plural := func(n int64, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return strconv.FormatInt(n, 10) + " " + unit + "s"
	}
	if years != 0 {
		out = append(out, plural(years, "year"))
	}
	if months != 0 {
		out = append(out, plural(months, "mon"))
	}
	if days != 0 {
		out = append(out, plural(days, "day"))
	}
	if secs > 0 || len(out) == 0 {
		out = append(out, fmt.Sprintf("%02d:%02d:%02d", secs/3600, secs/60%60, secs%60))
	}
	return strings.Join(out, " ")
}
