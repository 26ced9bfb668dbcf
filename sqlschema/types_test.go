package sqlschema

import (
	"errors"
	"testing"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// typeName parses the type of a one-column CREATE TABLE.
func typeName(t *testing.T, spelling string) *pgsql.TypeName {
	t.Helper()
	st, err := pgsql.ParseOne("CREATE TABLE x (c " + spelling + ")")
	if err != nil {
		t.Fatalf("%s: %v", spelling, err)
	}
	return st.Node.GetCreateStmt().GetTableElts()[0].GetColumnDef().GetTypeName()
}

func TestNormalizeType(t *testing.T) {
	c := mustApply(t, `
CREATE SCHEMA app;
CREATE TYPE mood AS ENUM ('a');
CREATE TYPE app.status AS ENUM ('x');
CREATE DOMAIN email AS text;
CREATE TABLE ref (id bigint);
`)
	tests := []struct{ in, want string }{
		{"smallint", "int2"},
		{"int2", "int2"},
		{"int", "int4"},
		{"integer", "int4"},
		{"int4", "int4"},
		{"pg_catalog.int4", "int4"},
		{"bigint", "int8"},
		{"int8", "int8"},
		{"serial", "int4"},
		{"serial4", "int4"},
		{"bigserial", "int8"},
		{"serial8", "int8"},
		{"smallserial", "int2"},
		{"real", "float4"},
		{"float4", "float4"},
		{"double precision", "float8"},
		{"float8", "float8"},
		{"float", "float8"},
		{"float(24)", "float4"},
		{"float(25)", "float8"},
		{"numeric", "numeric"},
		{"numeric(10)", "numeric(10,0)"},
		{"numeric(10,2)", "numeric(10,2)"},
		{"decimal(5,1)", "numeric(5,1)"},
		{"dec(3)", "numeric(3,0)"},
		{"bool", "bool"},
		{"boolean", "bool"},
		{"text", "text"},
		{"varchar", "varchar"},
		{"varchar(255)", "varchar(255)"},
		{"character varying(20)", "varchar(20)"},
		{"char varying(3)", "varchar(3)"},
		{"national character varying(4)", "varchar(4)"},
		{"char", "bpchar(1)"},
		{"character", "bpchar(1)"},
		{"char(10)", "bpchar(10)"},
		{"character(2)", "bpchar(2)"},
		{"nchar(5)", "bpchar(5)"},
		{"bpchar", "bpchar"},
		{`"char"`, "char"},
		{"timestamp", "timestamp"},
		{"timestamp without time zone", "timestamp"},
		{"timestamp(3)", "timestamp(3)"},
		{"timestamp with time zone", "timestamptz"},
		{"timestamptz", "timestamptz"},
		{"timestamptz(6)", "timestamptz(6)"},
		{"timestamp(0) with time zone", "timestamptz(0)"},
		{"time", "time"},
		{"time(2) without time zone", "time(2)"},
		{"time with time zone", "timetz"},
		{"timetz", "timetz"},
		{"interval", "interval"},
		{"interval(3)", "interval(3)"},
		{"interval day to second", "interval day to second"},
		{"interval year", "interval year"},
		{"date", "date"},
		{"uuid", "uuid"},
		{"json", "json"},
		{"jsonb", "jsonb"},
		{"bytea", "bytea"},
		{"inet", "inet"},
		{"cidr", "cidr"},
		{"macaddr", "macaddr"},
		{"money", "money"},
		{"bit", "bit(1)"},
		{"bit(8)", "bit(8)"},
		{"bit varying(8)", "varbit(8)"},
		{"tsvector", "tsvector"},
		{"int4range", "int4range"},
		{"int[]", "int4[]"},
		{"integer[][]", "int4[]"},
		{"int[3]", "int4[]"},
		{"text array", "text[]"},
		{"varchar(20)[]", "varchar(20)[]"},
		{"double precision[]", "float8[]"},
		{"timestamptz[]", "timestamptz[]"},
		{"mood", "mood"},
		{"public.mood", "mood"},
		{"mood[]", "mood[]"},
		{"app.status", "app.status"},
		{"app.status[]", "app.status[]"},
		{"email", "email"},
		{"ref", "ref"},
		{"citext", "citext"},
		{"geometry(Point, 4326)", "geometry(point,4326)"},
		{"vector(3)", "vector(3)"},
		{"ref.id%TYPE", "int8"},
	}
	for _, tt := range tests {
		var tn *pgsql.TypeName
		if tt.in == "ref.id%TYPE" {
			tn = &pgsql.TypeName{Names: []*pgsql.Node{strNode("ref"), strNode("id")}, PctType: true}
		} else {
			tn = typeName(t, tt.in)
		}
		if got := NormalizeType(tn, c); got != tt.want {
			t.Errorf("%-32s = %q, want %q", tt.in, got, tt.want)
		}
	}
	if len(tests) < 40 {
		t.Fatal("keep at least 40 spellings")
	}
}

func TestNormalizeTypeSearchPath(t *testing.T) {
	c := mustApply(t, "CREATE SCHEMA app; CREATE TYPE app.status AS ENUM ('x'); SET search_path TO app, public;")
	if got := NormalizeType(typeName(t, "status"), c); got != "app.status" {
		t.Errorf("got %q", got)
	}
	// Without a catalog, names are kept as written.
	if got := NormalizeType(typeName(t, "public.whatever[]"), nil); got != "whatever[]" {
		t.Errorf("got %q", got)
	}
	if got := NormalizeType(typeName(t, "s.whatever"), nil); got != "s.whatever" {
		t.Errorf("got %q", got)
	}
}

func TestNormalizeTypeUnknown(t *testing.T) {
	c := New()
	_, _, err := normalizeType(typeName(t, "mood"), c)
	var te *typeError
	if !errors.As(err, &te) || te.msg != `type "mood" does not exist` || te.state != UndefinedObject {
		t.Errorf("err = %v", err)
	}
	_, _, err = normalizeType(typeName(t, "nope.mood"), c)
	if !errors.As(err, &te) || te.msg != `schema "nope" does not exist` {
		t.Errorf("err = %v", err)
	}
	// An extension that may define types makes unknown names acceptable.
	c.Extensions["postgis_topology"] = true
	if typ, _, err := normalizeType(typeName(t, "topogeometry"), c); err != nil || typ != "topogeometry" {
		t.Errorf("got %q, %v", typ, err)
	}
}

func TestFormatType(t *testing.T) {
	tests := []struct {
		in       string
		withMods bool
		want     string
	}{
		{"int4", false, "integer"},
		{"int8", false, "bigint"},
		{"varchar(20)", false, "character varying"},
		{"varchar(20)", true, "character varying(20)"},
		{"bpchar(3)", true, "character(3)"},
		{"bpchar(3)", false, "bpchar"},
		{"timestamptz(3)", true, "timestamp(3) with time zone"},
		{"timestamp", false, "timestamp without time zone"},
		{"numeric(10,2)", true, "numeric(10,2)"},
		{"text[]", false, "text[]"},
		{"app.status", false, "app.status"},
		{"Weird", false, `"Weird"`},
		{"char", false, `"char"`},
	}
	for _, tt := range tests {
		if got := formatType(tt.in, tt.withMods); got != tt.want {
			t.Errorf("formatType(%q, %v) = %q, want %q", tt.in, tt.withMods, got, tt.want)
		}
	}
}

func strNode(s string) *pgsql.Node {
	return &pgsql.Node{Node: &pgsql.Node_String_{String_: &pgsql.String{Sval: s}}}
}
