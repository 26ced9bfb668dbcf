package sqlschema

import (
	"reflect"
	"strings"
	"testing"
)

// diffCatalog builds a catalog with public.customers and public.orders,
// the fixture the Diff tests change one thing at a time.
func diffCatalog() *Catalog {
	c := New()
	pub := c.Schemas["public"]
	pub.Enums["status"] = &Enum{Schema: "public", Name: "status", Values: []string{"new", "paid"}}
	pub.Tables["customers"] = &Table{Schema: "public", Name: "customers",
		Columns: []*Column{
			{Name: "id", Type: "int8", NotNull: true, Default: "nextval('customers_id_seq'::regclass)", Serial: "bigserial"},
			{Name: "email", Type: "varchar(255)", NotNull: true},
		},
		Constraints: []*Constraint{{Name: "customers_pkey", Kind: PrimaryKey, Columns: []string{"id"}, Validated: true, Index: "customers_pkey"}},
		Indexes: []*Index{
			{Name: "customers_pkey", Unique: true, Primary: true, Method: "btree", Keys: []IndexKey{{Column: "id"}}, Valid: true, Constraint: "customers_pkey"},
			{Name: "customers_email_idx", Unique: true, Method: "btree", Keys: []IndexKey{{Expr: "lower((email)::text)"}}, Predicate: "(email IS NOT NULL)", Valid: true},
		},
	}
	pub.Tables["orders"] = &Table{Schema: "public", Name: "orders",
		Columns: []*Column{
			{Name: "id", Type: "int4", NotNull: true, Identity: "always"},
			{Name: "customer_id", Type: "int8", NotNull: true},
			{Name: "status", Type: "status", NotNull: true, Default: "'new'::status"},
			{Name: "total", Type: "numeric(10,2)", NotNull: true, Default: "'-1'::integer"},
			{Name: "kind", Type: "text", Default: "'web'::text"},
		},
		Constraints: []*Constraint{
			{Name: "orders_pkey", Kind: PrimaryKey, Columns: []string{"id"}, Validated: true},
			{Name: "orders_customer_id_fkey", Kind: ForeignKey, Columns: []string{"customer_id"}, RefSchema: "public", RefTable: "customers", RefColumns: []string{"id"}, OnDelete: "CASCADE", OnUpdate: "NO ACTION", Validated: true},
			{Name: "orders_kind_check", Kind: Check, Expr: "(kind = ANY (ARRAY['web'::text, 'app'::text]))", Validated: true},
			{Name: "orders_total_check", Kind: Check, Expr: "((total >= (0)::numeric) AND (total <= (100)::numeric))", Validated: false},
		},
		Indexes: []*Index{
			{Name: "orders_pkey", Unique: true, Primary: true, Method: "btree", Keys: []IndexKey{{Column: "id"}}, Valid: true},
			{Name: "orders_customer_idx", Method: "btree", Keys: []IndexKey{{Column: "customer_id"}, {Column: "id", Desc: true}}, Include: []string{"total"}, Predicate: "status = ANY (ARRAY['new'::status, 'paid'::status])", Valid: true},
		},
		RowEstimate: 1000,
	}
	pub.Views["big_orders"] = &View{Schema: "public", Name: "big_orders", Columns: []*Column{{Name: "id", Type: "int4"}, {Name: "total", Type: "numeric(10,2)"}}, Query: "SELECT ..."}
	return c
}

// folded is the fixture as the fold writes it: the same schema, printed
// as the DDL said it rather than as PostgreSQL prints it back.
func folded() *Catalog {
	c := diffCatalog()
	pub := c.Schemas["public"]
	cust, orders := pub.Tables["customers"], pub.Tables["orders"]
	cust.Indexes[1].Keys[0].Expr = "lower(email)"
	cust.Indexes[1].Predicate = "email IS NOT NULL"
	orders.Columns[1].Type = "bigint"
	orders.Columns[2].Default = "'new'"
	orders.Columns[3].Default = "-1"
	orders.Columns[4].Default = "'web'"
	orders.Constraints[1].RefSchema = ""
	orders.Constraints[1].OnUpdate = ""
	orders.Constraints[2].Expr = "kind IN ('web', 'app')"
	orders.Constraints[3].Expr = "total BETWEEN 0 AND 100"
	orders.Indexes[1].Predicate = "status IN ('new', 'paid')"
	orders.RowEstimate = -1
	for _, t := range pub.Tables {
		t.Source = Source{File: "001_init.up.sql", Line: 1}
	}
	pub.Views["big_orders"].Query = "SELECT id, total FROM orders WHERE total > 100"
	pub.Views["big_orders"].Columns[1].Type = ""
	return c
}

func diffStrings(ds []Difference) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func TestDiffEqual(t *testing.T) {
	if d := Diff(diffCatalog(), diffCatalog()); len(d) != 0 {
		t.Errorf("Diff of equal catalogs: %q", diffStrings(d))
	}
	// Spelling PostgreSQL adds when it prints a stored expression back
	// does not count, and neither do what only one side knows (sources,
	// row estimates, view text, types a fold could not infer).
	if d := Diff(folded(), diffCatalog()); len(d) != 0 {
		t.Errorf("Diff of folded vs introspected: %q", diffStrings(d))
	}
	if d := Diff(New(), New()); d != nil {
		t.Errorf("Diff of empty catalogs: %q", diffStrings(d))
	}
}

func TestDiffChanges(t *testing.T) {
	want := folded()
	got := diffCatalog()
	pub := got.Schemas["public"]
	orders := pub.Tables["orders"]
	orders.Column("total").Type = "numeric"
	orders.Column("kind").NotNull = true
	orders.Column("kind").Default = "'app'::text"
	orders.Column("id").Identity = "by default"
	orders.Columns = append(orders.Columns, &Column{Name: "note", Type: "text"})
	orders.Columns[1], orders.Columns[2] = orders.Columns[2], orders.Columns[1]
	orders.Constraint("orders_total_check").Validated = true
	orders.Constraint("orders_customer_id_fkey").OnDelete = "NO ACTION"
	orders.Constraint("orders_kind_check").Expr = "kind = 'web'::text"
	orders.Index("orders_customer_idx").Keys[1].Desc = false
	orders.Index("orders_customer_idx").Predicate = ""
	orders.Indexes = append(orders.Indexes, &Index{Name: "orders_total_idx", Method: "btree", Keys: []IndexKey{{Column: "total"}}, Valid: true})
	orders.Index("orders_pkey").Valid = false
	cust := pub.Tables["customers"]
	cust.Constraints = nil
	cust.Columns = cust.Columns[:1]
	pub.Enums["status"].Values = []string{"new", "paid", "void"}
	delete(pub.Views, "big_orders")
	got.Schemas["audit"] = &Schema{Name: "audit", Tables: map[string]*Table{"log": {Schema: "audit", Name: "log", Columns: []*Column{{Name: "id", Type: "int8"}}}}}

	wantDiffs := []string{
		`schema "audit": in got, not in want`,
		`table "audit.log": in got ((id)), not in want`,
		`enum "status": values ('new', 'paid') in want, ('new', 'paid', 'void') in got`,
		`column "customers.email": in want (varchar(255) NOT NULL, 001_init.up.sql:1), not in got`,
		`constraint "customers.customers_pkey": in want (PRIMARY KEY (id), 001_init.up.sql:1), not in got`,
		`column "orders.id": identity always in want, by default in got (want from 001_init.up.sql:1)`,
		`column "orders.total": type numeric(10,2) in want, numeric in got (want from 001_init.up.sql:1)`,
		`column "orders.kind": not null NULL in want, NOT NULL in got (want from 001_init.up.sql:1)`,
		`column "orders.kind": default 'web' in want, 'app' in got (want from 001_init.up.sql:1)`,
		`column "orders.note": in got (text), not in want`,
		`table "orders": column order (id, customer_id, status, total, kind) in want, (id, status, customer_id, total, kind) in got (want from 001_init.up.sql:1)`,
		`constraint "orders.orders_customer_id_fkey": on delete CASCADE in want, NO ACTION in got (want from 001_init.up.sql:1)`,
		`constraint "orders.orders_kind_check": expression kind = ANY(ARRAY['web', 'app']) in want, kind = 'web' in got (want from 001_init.up.sql:1)`,
		`constraint "orders.orders_total_check": validated false in want, true in got (want from 001_init.up.sql:1)`,
		`index "orders.orders_customer_idx": keys (customer_id, id DESC) in want, (customer_id, id) in got (want from 001_init.up.sql:1)`,
		`index "orders.orders_customer_idx": predicate status = ANY(ARRAY['new', 'paid']) in want, none in got (want from 001_init.up.sql:1)`,
		`index "orders.orders_pkey": valid true in want, false in got (want from 001_init.up.sql:1)`,
		`index "orders.orders_total_idx": in got (btree (total)), not in want`,
		`view "big_orders": in want ((id, total)), not in got`,
	}
	got1 := diffStrings(Diff(want, got))
	if !reflect.DeepEqual(got1, wantDiffs) {
		t.Errorf("Diff:\n%s\nwant:\n%s", strings.Join(got1, "\n"), strings.Join(wantDiffs, "\n"))
	}
	// Deterministic: map iteration order never shows.
	for i := 0; i < 5; i++ {
		if again := diffStrings(Diff(want, got)); !reflect.DeepEqual(again, got1) {
			t.Fatalf("Diff is not deterministic:\n%s\nthen:\n%s", strings.Join(got1, "\n"), strings.Join(again, "\n"))
		}
	}

	// The fields behind the strings.
	d := Diff(want, got)
	var total *Difference
	for i := range d {
		if d[i].Name == "public.orders.total" {
			total = &d[i]
		}
	}
	if total == nil || total.Kind != DiffChanged || total.Object != "column" || total.Attr != "type" ||
		total.Want != "numeric(10,2)" || total.Got != "numeric" || total.WantSource.File != "001_init.up.sql" || !total.GotSource.IsZero() {
		t.Errorf("orders.total difference: %+v", total)
	}
}

func TestDiffMissingSchema(t *testing.T) {
	want := diffCatalog()
	got := New()
	delete(got.Schemas, "public")
	wantDiffs := []string{
		`schema "public": in want, not in got`,
		`enum "status": in want (('new', 'paid')), not in got`,
		`table "customers": in want ((id, email)), not in got`,
		`table "orders": in want ((id, customer_id, status, total, kind)), not in got`,
		`view "big_orders": in want ((id, total)), not in got`,
	}
	if got := diffStrings(Diff(want, got)); !reflect.DeepEqual(got, wantDiffs) {
		t.Errorf("Diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantDiffs, "\n"))
	}
	// System schemas are never compared.
	sys := New()
	sys.Schemas["pg_catalog"] = &Schema{Name: "pg_catalog", Tables: map[string]*Table{"pg_class": {Name: "pg_class"}}}
	if d := Diff(sys, New()); len(d) != 0 {
		t.Errorf("pg_catalog compared: %q", diffStrings(d))
	}
}

func TestDiffPartitionsAndViews(t *testing.T) {
	mk := func(bound, key, parent string) *Catalog {
		c := New()
		pub := c.Schemas["public"]
		pub.Tables["ev"] = &Table{Schema: "public", Name: "ev", PartitionKey: key, Columns: []*Column{{Name: "at", Type: "timestamptz"}}}
		pub.Tables["ev_2024"] = &Table{Schema: "public", Name: "ev_2024", PartitionOf: parent, PartitionBound: bound, Columns: []*Column{{Name: "at", Type: "timestamptz"}}}
		pub.Views["mv"] = &View{Schema: "public", Name: "mv", Materialized: true, Columns: []*Column{{Name: "n", Type: "int8"}},
			Indexes: []*Index{{Name: "mv_n", Method: "btree", Keys: []IndexKey{{Column: "n"}}, Valid: true}}}
		return c
	}
	want := mk("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "RANGE (at)", "ev")
	got := mk("FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')", "range (at)", "public.ev")
	if d := Diff(want, got); len(d) != 0 {
		t.Errorf("equal partitions differ: %q", diffStrings(d))
	}
	berlin := mk("FOR VALUES FROM ('2024-01-01 00:00:00+01') TO ('2025-01-01 00:00:00+01')", "RANGE (at)", "ev")
	if d := Diff(want, berlin); len(d) != 0 {
		t.Errorf("equal partitions differ: %q", diffStrings(d))
	}
	got = mk("FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')", "LIST (at)", "ev")
	got.Schemas["public"].Views["mv"].Materialized = false
	got.Schemas["public"].Views["mv"].Columns[0].Type = "numeric"
	got.Schemas["public"].Views["mv"].Indexes = nil
	wantDiffs := []string{
		`table "ev": partition key range (at) in want, list (at) in got`,
		`table "ev_2024": partition bound for values from('2024-01-01') to('2025-01-01') in want, for values from('2024-01-01') to('2024-07-01') in got`,
		`view "mv": kind materialized view in want, view in got`,
		`column "mv.n": type int8 in want, numeric in got`,
		`index "mv.mv_n": in want (btree (n)), not in got`,
	}
	if got := diffStrings(Diff(want, got)); !reflect.DeepEqual(got, wantDiffs) {
		t.Errorf("Diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantDiffs, "\n"))
	}
}

func TestDiffNormExpr(t *testing.T) {
	same := [][2]string{
		{"'x'::text", "'x'"},
		{"'-1'::integer", "-1"},
		{"'3.50'::numeric", "3.50"},
		{"(total >= (0)::numeric)", "total >= 0"},
		{"(status = ANY (ARRAY['a'::text, 'b'::text]))", "status IN ('a', 'b')"},
		{"((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))", "status in ('a','b')"},
		{"(x <> ALL (ARRAY[1, 2]))", "x NOT IN (1, 2)"},
		{"x = 1", "x IN (1)"},
		{"((x >= 1) AND (x <= 5))", "x BETWEEN 1 AND 5"},
		{"email ~~ '%@%'::text", "email LIKE '%@%'"},
		{"lower((email)::text)", "lower(email)"},
		{"pg_catalog.lower(email)", "lower(email)"},
		{"(a AND (b AND c))", "(a AND b) AND c"},
		{"nextval('t_id_seq'::regclass)", "nextval('t_id_seq')"},
		{"'{}'::text[]", "'{}'"},
		{"(now())::date", "now()::date"},
		{"  deleted_at   IS NULL ", "(deleted_at IS NULL)"},
		{"CURRENT_TIMESTAMP", "current_timestamp"},
		{`'0000'::"bit"`, "B'0000'"},
		{"'007'::text", "'007'"},
	}
	for _, p := range same {
		if a, b := diffNormExpr(p[0]), diffNormExpr(p[1]); a != b {
			t.Errorf("%q and %q differ: %q vs %q", p[0], p[1], a, b)
		}
	}
	different := [][2]string{
		{"'a'", "'b'"},
		{"now()", "CURRENT_TIMESTAMP"},
		{"x > 0", "x >= 0"},
		{"x IN (1, 2)", "x NOT IN (1, 2)"},
		{"now()::date", "now()"},
		{"a AND b", "a OR b"},
		{"1", "'1x'"},
		{"'007'", "7"},
	}
	for _, p := range different {
		if a, b := diffNormExpr(p[0]), diffNormExpr(p[1]); a == b {
			t.Errorf("%q and %q compare equal (%q)", p[0], p[1], a)
		}
	}
	// Text that does not parse is compared with whitespace collapsed.
	if a, b := diffNormExpr("room  WITH =,\n during WITH &&"), diffNormExpr("room WITH =, during WITH &&"); a != b {
		t.Errorf("unparsable text: %q vs %q", a, b)
	}
}

func TestDiffCanonType(t *testing.T) {
	for in, want := range map[string]string{
		"integer": "int4", "INT": "int4", "int4": "int4", "serial": "int4", "bigint": "int8",
		"character varying(255)": "varchar(255)", "varchar(255)": "varchar(255)",
		"character(3)": "bpchar(3)", "timestamp with time zone": "timestamptz",
		"timestamp(3) with time zone": "timestamptz(3)", "numeric(10, 2)": "numeric(10,2)",
		"integer[]": "int4[]", "public.mood": "mood", "app.mood[]": "app.mood[]", `"Mood"`: "Mood", "app.Mood": "app.Mood",
		"double precision": "float8", "pg_catalog.text": "text",
	} {
		if got := diffCanonType(in); got != want {
			t.Errorf("diffCanonType(%q) = %q, want %q", in, got, want)
		}
	}
}
