package sqlschema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// NormalizeType returns the name PostgreSQL uses internally for a type as
// written: int4 for integer, int8 for bigint, float8 for double precision,
// varchar(255), bpchar(1) for char, numeric(10,0) for numeric(10),
// timestamptz(3), int4[] for any array of integers (dimensions collapse),
// int4 for serial. Enums, domains and other user types keep their name,
// qualified with their schema unless it is public; with a catalog,
// unqualified names are resolved through its search_path. c may be nil.
func NormalizeType(tn *pgsql.TypeName, c *Catalog) string {
	typ, _, _ := normalizeType(tn, c)
	return typ
}

// typeError is a failure to resolve a type, turned into an *Error by the
// applier that knows the statement's position.
type typeError struct {
	state, msg string
}

func (e *typeError) Error() string { return e.msg }

// builtinTypes maps the names of built-in types (and the spellings the
// grammar does not already rewrite) to PostgreSQL's internal name.
var builtinTypes = map[string]string{
	"int2": "int2", "smallint": "int2", "int4": "int4", "int": "int4", "integer": "int4",
	"int8": "int8", "bigint": "int8", "float4": "float4", "real": "float4",
	"float8": "float8", "float": "float8", "double precision": "float8",
	"numeric": "numeric", "decimal": "numeric", "money": "money",
	"bool": "bool", "boolean": "bool",
	"text": "text", "varchar": "varchar", "character varying": "varchar",
	"bpchar": "bpchar", "character": "bpchar", "char": "char", "name": "name",
	"bytea": "bytea", "date": "date",
	"time": "time", "timetz": "timetz", "timestamp": "timestamp", "timestamptz": "timestamptz",
	"interval": "interval", "uuid": "uuid",
	"json": "json", "jsonb": "jsonb", "jsonpath": "jsonpath", "xml": "xml",
	"inet": "inet", "cidr": "cidr", "macaddr": "macaddr", "macaddr8": "macaddr8",
	"bit": "bit", "varbit": "varbit", "bit varying": "varbit",
	"tsvector": "tsvector", "tsquery": "tsquery",
	"point": "point", "line": "line", "lseg": "lseg", "box": "box", "path": "path",
	"polygon": "polygon", "circle": "circle",
	"oid": "oid", "regclass": "regclass", "regtype": "regtype", "regproc": "regproc",
	"regprocedure": "regprocedure", "regoper": "regoper", "regoperator": "regoperator",
	"regconfig": "regconfig", "regdictionary": "regdictionary", "regnamespace": "regnamespace",
	"regrole": "regrole", "regcollation": "regcollation",
	"int4range": "int4range", "int8range": "int8range", "numrange": "numrange",
	"tsrange": "tsrange", "tstzrange": "tstzrange", "daterange": "daterange",
	"int4multirange": "int4multirange", "int8multirange": "int8multirange", "nummultirange": "nummultirange",
	"tsmultirange": "tsmultirange", "tstzmultirange": "tstzmultirange", "datemultirange": "datemultirange",
	"txid_snapshot": "txid_snapshot", "pg_snapshot": "pg_snapshot", "pg_lsn": "pg_lsn",
	"xid": "xid", "xid8": "xid8", "cid": "cid", "tid": "tid", "aclitem": "aclitem",
	"int2vector": "int2vector", "oidvector": "oidvector", "record": "record", "cstring": "cstring",
	"void": "void", "trigger": "trigger", "event_trigger": "event_trigger", "unknown": "unknown",
	"anyelement": "anyelement", "anyarray": "anyarray", "anynonarray": "anynonarray",
	"anyenum": "anyenum", "anyrange": "anyrange", "any": "any", "refcursor": "refcursor",
	"pg_node_tree": "pg_node_tree", "gtsvector": "gtsvector",
}

// serialTypes are the serial pseudo-types and the integer type each
// stands for.
var serialTypes = map[string]struct{ base, serial string }{
	"serial": {"int4", "serial"}, "serial4": {"int4", "serial"},
	"bigserial": {"int8", "bigserial"}, "serial8": {"int8", "bigserial"},
	"smallserial": {"int2", "smallserial"}, "serial2": {"int2", "smallserial"},
}

// extensionTypes are types well-known extensions create; a column of one
// of these is accepted even when the extension was installed outside the
// migrations.
var extensionTypes = map[string]bool{
	"citext": true, "hstore": true, "ltree": true, "lquery": true, "ltxtquery": true,
	"cube": true, "earth": true, "seg": true, "isbn": true, "isbn13": true, "ismn": true,
	"ismn13": true, "issn": true, "issn13": true, "ean13": true, "upc": true,
	"vector": true, "halfvec": true, "sparsevec": true, "lo": true, "query_int": true,
	"geometry": true, "geography": true, "box2d": true, "box3d": true, "raster": true,
	"geometry_dump": true, "valid_detail": true, "chkpass": true,
}

// typelessExtensions create no types, so their presence does not make an
// unknown type name plausible.
var typelessExtensions = map[string]bool{
	"plpgsql": true, "uuid-ossp": true, "pgcrypto": true, "pg_stat_statements": true,
	"pg_trgm": true, "btree_gin": true, "btree_gist": true, "unaccent": true,
	"fuzzystrmatch": true, "tablefunc": true, "intarray": true, "pg_buffercache": true,
	"dblink": true, "postgres_fdw": true, "pgstattuple": true, "pg_prewarm": true,
	"tsm_system_rows": true, "tsm_system_time": true, "amcheck": true, "pg_partman": true,
	"pg_cron": true, "pgrowlocks": true, "sslinfo": true, "file_fdw": true,
}

// normalizeType resolves a type name: the normalized name, the serial
// pseudo-type it was ("" if none), and a *typeError when the type does not
// exist.
func normalizeType(tn *pgsql.TypeName, c *Catalog) (typ, serial string, err error) {
	if tn == nil {
		return "", "", nil
	}
	names := strs(tn.GetNames())
	if tn.GetPctType() {
		return pctType(names, c)
	}
	schema, name := splitName(names)
	var mods []string
	var imods []int
	for _, m := range tn.GetTypmods() {
		if v, ok := intConst(m); ok {
			imods = append(imods, v)
			mods = append(mods, strconv.Itoa(v))
		} else if cr := m.GetColumnRef(); cr != nil {
			mods = append(mods, strings.Join(strs(cr.GetFields()), "."))
		} else if ac := m.GetAConst(); ac != nil && ac.GetSval() != nil {
			mods = append(mods, ac.GetSval().GetSval())
		} else {
			mods = append(mods, pgsql.DeparseExpr(m))
		}
	}
	array := len(tn.GetArrayBounds()) > 0
	suffix := ""
	if array {
		suffix = "[]"
	}
	if schema == "" || schema == "pg_catalog" {
		if s, ok := serialTypes[name]; ok && !array && schema == "" {
			return s.base, s.serial, nil
		}
		if base, ok := builtinTypes[name]; ok && (schema == "pg_catalog" || !userTypeShadows(c, name)) {
			return builtinWithMods(base, imods, len(mods) == len(imods)) + suffix, "", nil
		}
	}
	// A user type: an enum, a domain, a table's row type, a type the fold
	// does not model, or an extension's type.
	if c != nil {
		if schema != "" && schema != "pg_catalog" && c.Schemas[schema] == nil && !(schema == "pg_temp" || schema == tempSchema) {
			return "", "", &typeError{UndefinedSchema, fmt.Sprintf("schema %q does not exist", schema)}
		}
		if s := findType(c, schema, name); s != "" {
			return QualifiedName(s, name) + typmodSuffix(mods) + suffix, "", nil
		}
		if !extensionTypes[name] && !unknownTypesPlausible(c) {
			return "", "", &typeError{UndefinedObject, fmt.Sprintf("type %q does not exist", written(schema, name))}
		}
	}
	if schema == "pg_catalog" {
		schema = ""
	}
	return QualifiedName(schema, name) + typmodSuffix(mods) + suffix, "", nil
}

// userTypeShadows reports whether an unqualified built-in name is shadowed
// by a user type found earlier in search_path (pg_catalog is searched
// first unless listed, so that only happens when search_path lists it
// after the user schema).
func userTypeShadows(c *Catalog, name string) bool {
	if c == nil {
		return false
	}
	for _, n := range c.SearchPath {
		if n == "pg_catalog" {
			s := findType(c, "", name)
			return s != "" && s != "pg_catalog"
		}
	}
	return false
}

// findType returns the schema holding the named user type, or "".
func findType(c *Catalog, schema, name string) string {
	var ss []*Schema
	if schema != "" {
		if schema == "pg_temp" {
			schema = tempSchema
		}
		if s := c.Schemas[schema]; s != nil {
			ss = []*Schema{s}
		}
	} else {
		if s := c.Schemas[tempSchema]; s != nil {
			ss = append(ss, s)
		}
		for _, n := range c.SearchPath {
			if s := c.Schemas[n]; s != nil {
				ss = append(ss, s)
			}
		}
	}
	for _, s := range ss {
		if typeTaken(s, name) {
			return s.Name
		}
	}
	return ""
}

// unknownTypesPlausible reports whether the catalog has an extension that
// may have created types the fold does not know.
func unknownTypesPlausible(c *Catalog) bool {
	if c.Opaque {
		return true
	}
	for e := range c.Extensions {
		if !typelessExtensions[e] {
			return true
		}
	}
	return false
}

func typmodSuffix(mods []string) string {
	if len(mods) == 0 {
		return ""
	}
	return "(" + strings.Join(mods, ",") + ")"
}

// builtinWithMods renders a built-in type with its type modifiers the
// way PostgreSQL records them.
func builtinWithMods(base string, mods []int, allInts bool) string {
	if !allInts {
		return base
	}
	switch base {
	case "varchar", "bpchar", "bit", "varbit":
		if len(mods) == 1 {
			return fmt.Sprintf("%s(%d)", base, mods[0])
		}
	case "numeric":
		switch len(mods) {
		case 1:
			return fmt.Sprintf("numeric(%d,0)", mods[0])
		case 2:
			return fmt.Sprintf("numeric(%d,%d)", mods[0], mods[1])
		}
	case "timestamp", "timestamptz", "time", "timetz":
		if len(mods) == 1 {
			return fmt.Sprintf("%s(%d)", base, mods[0])
		}
	case "interval":
		return intervalWithMods(mods)
	}
	return base
}

// Interval field masks, as the grammar encodes them in the first typmod.
const (
	intervalMonth      = 1 << 1
	intervalYear       = 1 << 2
	intervalDay        = 1 << 3
	intervalHour       = 1 << 10
	intervalMinute     = 1 << 11
	intervalSecond     = 1 << 12
	intervalFullRange  = 0x7FFF
	intervalFullPrecis = 0xFFFF
)

var intervalFields = map[int]string{
	intervalYear:                 "year",
	intervalMonth:                "month",
	intervalDay:                  "day",
	intervalHour:                 "hour",
	intervalMinute:               "minute",
	intervalSecond:               "second",
	intervalYear | intervalMonth: "year to month",
	intervalDay | intervalHour:   "day to hour",
	intervalDay | intervalHour | intervalMinute:                  "day to minute",
	intervalDay | intervalHour | intervalMinute | intervalSecond: "day to second",
	intervalHour | intervalMinute:                                "hour to minute",
	intervalHour | intervalMinute | intervalSecond:               "hour to second",
	intervalMinute | intervalSecond:                              "minute to second",
}

// intervalWithMods renders interval, interval(3), interval day to second(3).
func intervalWithMods(mods []int) string {
	out := "interval"
	if len(mods) == 0 {
		return out
	}
	if f, ok := intervalFields[mods[0]]; ok && mods[0] != intervalFullRange {
		out += " " + f
	}
	if len(mods) > 1 && mods[1] != intervalFullPrecis {
		out += fmt.Sprintf("(%d)", mods[1])
	}
	return out
}

// intConst returns the value of an integer constant node.
func intConst(n *pgsql.Node) (int, bool) {
	if ac := n.GetAConst(); ac != nil {
		if iv := ac.GetIval(); iv != nil {
			return int(iv.GetIval()), true
		}
		if ac.GetIsnull() || ac.GetSval() != nil || ac.GetFval() != nil || ac.GetBoolval() != nil || ac.GetBsval() != nil {
			return 0, false
		}
		return 0, true // ival 0 is encoded as an empty Integer
	}
	if iv := n.GetInteger(); iv != nil {
		return int(iv.GetIval()), true
	}
	return 0, false
}

// pctType resolves table.column%TYPE.
func pctType(names []string, c *Catalog) (string, string, error) {
	if c == nil || len(names) < 2 {
		return "", "", nil
	}
	col := names[len(names)-1]
	schema, table := splitName(names[:len(names)-1])
	t := c.Table(schema, table)
	if t == nil {
		return "", "", &typeError{UndefinedTable, fmt.Sprintf("relation %q does not exist", written(schema, table))}
	}
	if cl := t.Column(col); cl != nil {
		return cl.Type, "", nil
	}
	return "", "", &typeError{UndefinedColumn, fmt.Sprintf("column %q of relation %q does not exist", col, table)}
}

// baseType strips type modifiers and the array suffix: varchar(10)[] -> varchar.
func baseType(typ string) string {
	typ = strings.TrimSuffix(typ, "[]")
	if i := strings.IndexByte(typ, '('); i > 0 {
		typ = typ[:i]
	}
	return typ
}

// sqlTypeNames are format_type's names for built-in types.
var sqlTypeNames = map[string]string{
	"int2": "smallint", "int4": "integer", "int8": "bigint",
	"float4": "real", "float8": "double precision", "bool": "boolean",
	"varchar": "character varying", "varbit": "bit varying",
	"timestamp": "timestamp without time zone", "timestamptz": "timestamp with time zone",
	"time": "time without time zone", "timetz": "time with time zone",
	"char": `"char"`, "bit": `"bit"`,
}

// formatType renders a normalized type as PostgreSQL's format_type does:
// the SQL-standard spelling, with the type modifier when withMods.
// formatType("varchar(10)", false) is "character varying".
func formatType(typ string, withMods bool) string {
	arr := ""
	if strings.HasSuffix(typ, "[]") {
		arr, typ = "[]", strings.TrimSuffix(typ, "[]")
	}
	base, mods := typ, ""
	if i := strings.IndexByte(typ, '('); i > 0 {
		base, mods = typ[:i], typ[i:]
	}
	if strings.HasPrefix(base, "interval ") { // interval day to second
		if withMods {
			return typ + arr
		}
		return "interval" + arr
	}
	name, ok := sqlTypeNames[base]
	if !ok {
		name = quoteQualified(base)
	}
	if !withMods || mods == "" {
		return name + arr
	}
	switch base {
	case "bpchar":
		return "character" + mods + arr
	case "bit":
		return "bit" + mods + arr
	case "timestamp", "timestamptz", "time", "timetz":
		// timestamp(3) with time zone
		w := strings.SplitN(name, " ", 2)
		return w[0] + mods + " " + w[1] + arr
	}
	return name + mods + arr
}

// quoteQualified quotes the parts of schema.name that need it.
func quoteQualified(s string) string {
	if i := strings.IndexByte(s, '.'); i > 0 {
		return quoteIdent(s[:i]) + "." + quoteIdent(s[i+1:])
	}
	return quoteIdent(s)
}

// quoteIdent quotes an identifier unless it is a plain lower-case name
// (keywords are not checked: PostgreSQL would quote a reserved word).
func quoteIdent(s string) string {
	if s == "" {
		return `""`
	}
	plain := true
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_' || (i > 0 && (r >= '0' && r <= '9' || r == '$'))) {
			plain = false
			break
		}
	}
	if plain && !reservedWords[s] {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// reservedWords are the keywords PostgreSQL quotes in printed identifiers
// (the fully reserved ones; enough for names people use).
var reservedWords = map[string]bool{
	"all": true, "analyse": true, "analyze": true, "and": true, "any": true, "array": true, "as": true,
	"asc": true, "asymmetric": true, "both": true, "case": true, "cast": true, "check": true,
	"collate": true, "column": true, "constraint": true, "create": true, "current_catalog": true,
	"current_date": true, "current_role": true, "current_time": true, "current_timestamp": true,
	"current_user": true, "default": true, "deferrable": true, "desc": true, "distinct": true,
	"do": true, "else": true, "end": true, "except": true, "false": true, "fetch": true, "for": true,
	"foreign": true, "from": true, "grant": true, "group": true, "having": true, "in": true,
	"initially": true, "intersect": true, "into": true, "lateral": true, "leading": true,
	"limit": true, "localtime": true, "localtimestamp": true, "not": true, "null": true,
	"offset": true, "on": true, "only": true, "or": true, "order": true, "placing": true,
	"primary": true, "references": true, "returning": true, "select": true, "session_user": true,
	"some": true, "symmetric": true, "table": true, "then": true, "to": true, "trailing": true,
	"true": true, "union": true, "unique": true, "user": true, "using": true, "variadic": true,
	"when": true, "where": true, "window": true, "with": true,
}
