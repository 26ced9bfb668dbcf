package sqlschema

import (
	"testing"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

func expr(t *testing.T, s string) *pgsql.Node {
	t.Helper()
	st, err := pgsql.ParseOne("SELECT " + s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return st.Node.GetSelectStmt().GetTargetList()[0].GetResTarget().GetVal()
}

func TestIsVolatileExpr(t *testing.T) {
	tests := []struct {
		expr     string
		volatile bool
	}{
		{"0", false},
		{"'active'", false},
		{"'{}'::jsonb", false},
		{"now()", false},
		{"CURRENT_TIMESTAMP", false},
		{"current_date + 1", false},
		{"lower('X')", false},
		{"coalesce(null, 'x')", false},
		{"(now() AT TIME ZONE 'utc')", false},
		{"now() + interval '1 day'", false},
		{"ARRAY[]::text[]", false},
		{"CASE WHEN true THEN 1 ELSE 2 END", false},
		{"random()", true},
		{"gen_random_uuid()", true},
		{"uuid_generate_v4()", true},
		{"uuid_generate_v1()", true},
		{"clock_timestamp()", true},
		{"timeofday()", true},
		{"nextval('s'::regclass)", true},
		{"txid_current()", true},
		{"setseed(0.5)", true},
		{"md5(random()::text)", true},
		{"floor(random() * 10)::int", true},
		{"my_schema.make_id()", true},
		{"(SELECT 1)", true},
	}
	for _, tt := range tests {
		if got := IsVolatileExpr(expr(t, tt.expr)); got != tt.volatile {
			t.Errorf("IsVolatileExpr(%s) = %v, want %v", tt.expr, got, tt.volatile)
		}
	}
	if IsVolatileExpr(nil) {
		t.Error("nil is not volatile")
	}
}

// TestRenderDefault pins the rendering of defaults; every want is what
// pg_get_expr(adbin, adrelid) prints on PostgreSQL 15 for that column.
func TestRenderDefault(t *testing.T) {
	c := mustApply(t, "CREATE TYPE mood AS ENUM ('happy'); CREATE DOMAIN dtext AS text;")
	a := &applier{c: c}
	tests := []struct{ typ, expr, want string }{
		{"text", "'active'", "'active'::text"},
		{"varchar(20)", "'x'", "'x'::character varying"},
		{"int4", "0", "0"},
		{"int4", "-1", "'-1'::integer"},
		{"int8", "-1", "'-1'::integer"},
		{"int8", "10000000000", "'10000000000'::bigint"},
		{"numeric(10,2)", "0.00", "0.00"},
		{"numeric", "-1.5", "'-1.5'::numeric"},
		{"numeric", "1e10", "'10000000000'::numeric"},
		{"numeric", "'0'", "'0'::numeric"},
		{"float8", "1.5", "1.5"},
		{"float8", "'1.50'", "'1.5'::double precision"},
		{"bool", "false", "false"},
		{"bool", "'t'", "true"},
		{"int4", "'5'", "5"},
		{"timestamptz", "now()", "now()"},
		{"timestamptz", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
		{"timestamptz(3)", "current_timestamp(3)", "CURRENT_TIMESTAMP(3)"},
		{"date", "current_date", "CURRENT_DATE"},
		{"timestamp", "(now() at time zone 'utc')", "(now() AT TIME ZONE 'utc'::text)"},
		{"timestamp", "timezone('UTC', now())", "timezone('UTC'::text, now())"},
		{"uuid", "gen_random_uuid()", "gen_random_uuid()"},
		{"jsonb", "'{}'", "'{}'::jsonb"},
		{"jsonb", "'{}'::jsonb", "'{}'::jsonb"},
		{"text[]", "'{}'", "'{}'::text[]"},
		{"int4[]", "'{}'", "'{}'::integer[]"},
		{"mood", "'happy'", "'happy'::mood"},
		{"mood[]", "'{}'", "'{}'::mood[]"},
		{"dtext", "'q'", "'q'::text"},
		{"bpchar(1)", "'x'", "'x'::bpchar"},
		{"interval", "'1 day'", "'1 day'::interval"},
		{"interval", "interval '1 hour'", "'01:00:00'::interval"},
		{"interval", "'2 weeks'", "'14 days'::interval"},
		{"interval", "'-1 day'", "'-1 days'::interval"},
		{"interval", "'1 year 14 months'", "'2 years 2 mons'::interval"},
		{"interval", "'1 day 2 hours'", "'1 day 02:00:00'::interval"},
		{"timestamptz", "now() + interval '1 day'", "(now() + '1 day'::interval)"},
		{"int8", "0::bigint", "(0)::bigint"},
		{"int4", "0::int", "0"},
		{"int8", "'0'::bigint", "'0'::bigint"},
		{"varchar(3)", "'abc'::varchar(3)", "'abc'::character varying(3)"},
		{"varchar(10)", "null::character varying", "NULL::character varying"},
		{"text", "(now())::text", "(now())::text"},
		{"text", "lower('X')", "lower('X'::text)"},
		{"text", "concat('a', 'b')", "concat('a', 'b')"},
		{"text", "'a' || 'b'", "('a'::text || 'b'::text)"},
		{"text", "coalesce(null, 'x')", "COALESCE(NULL::text, 'x'::text)"},
		{"int4", "(1+2)", "(1 + 2)"},
		{"bool", "(not false)", "(NOT false)"},
		{"text[]", "array[]::text[]", "ARRAY[]::text[]"},
		{"text[]", "ARRAY['a','b']", "ARRAY['a'::text, 'b'::text]"},
		{"int4", "nextval('public.t_id_seq'::regclass)", "nextval('t_id_seq'::regclass)"},
		{"int4", "floor(random() * 10)::int", "(floor((random() * (10)::double precision)))::integer"},
		{"numeric", "extract(epoch from now())", "EXTRACT(epoch FROM now())"},
		{"text", "substring('abc' from 1 for 2)", "SUBSTRING('abc'::text FROM 1 FOR 2)"},
		{"text", "current_user", "CURRENT_USER"},
		{"text", "E'it''s'", "'it''s'::text"},
	}
	for _, tt := range tests {
		if got := a.renderDefault(expr(t, tt.expr), tt.typ); got != tt.want {
			t.Errorf("DEFAULT %s on %s = %s, want %s", tt.expr, tt.typ, got, tt.want)
		}
	}
	if got := a.renderDefault(expr(t, "NULL"), "text"); got != "" {
		t.Errorf("DEFAULT NULL = %q, want none", got)
	}
}

func TestNormalizeNumeric(t *testing.T) {
	for in, want := range map[string]string{
		"1e10": "10000000000", "1.50": "1.50", ".5": "0.5", "1.5e-1": "0.15", "1.50e1": "15.0",
		"-0.0": "0.0", "007": "7", "-2.5E2": "-250",
	} {
		if got := normalizeNumeric(in); got != want {
			t.Errorf("normalizeNumeric(%s) = %s, want %s", in, got, want)
		}
	}
}
