package sqlschema

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// fullCatalog has every field a snapshot carries set to something.
func fullCatalog() *Catalog {
	c := New()
	c.ServerVersion = 150004
	c.SearchPath = []string{"app", "public"}
	c.Extensions["pgcrypto"] = true
	c.Extensions["citext"] = true
	c.Extensions["dropped"] = false
	src := func(line int) Source { return Source{File: "migrations/0001_init.up.sql", Line: line, Column: 1} }
	app := newSchema("app", src(1))
	c.Schemas["app"] = app
	c.Schemas["empty"] = newSchema("empty", Source{})
	pub := c.Schemas["public"]
	pub.Enums["order_status"] = &Enum{Schema: "public", Name: "order_status", Values: []string{"new", "paid"}, Source: src(2)}
	app.Domains["email"] = &Domain{Schema: "app", Name: "email", BaseType: "citext", NotNull: true, Checks: []string{"VALUE ~ '@'"}, Source: src(3)}
	pub.Tables["accounts"] = &Table{
		Schema: "public", Name: "accounts", RowEstimate: 1200, DroppedColumns: map[string]*Tombstone{}, Source: src(4),
		Columns: []*Column{
			{Name: "id", Type: "int8", NotNull: true, Identity: "always", Source: src(5)},
			{Name: "email", Type: "app.email", NotNull: true},
			{Name: "token", Type: "uuid", Default: "gen_random_uuid()", DefaultVolatile: true},
			{Name: "n", Type: "int4", Default: "nextval('accounts_n_seq'::regclass)", DefaultVolatile: true, Serial: "serial"},
			{Name: "lower_email", Type: "text", Generated: "lower((email)::text)"},
		},
		Indexes: []*Index{
			{Name: "accounts_pkey", Unique: true, Primary: true, Method: "btree", Keys: []IndexKey{{Column: "id"}}, Valid: true, Constraint: "accounts_pkey"},
			{Name: "accounts_email_key", Unique: true, Method: "btree", Keys: []IndexKey{{Expr: "lower((email)::text)"}}, Include: []string{"id"}, Predicate: "(token IS NOT NULL) AND (n > 0)", Valid: true},
			{Name: "accounts_n_idx", Method: "btree", Keys: []IndexKey{{Column: "n", Desc: true, NullsFirst: false}, {Column: "email", Opclass: "text_pattern_ops", Collation: "C"}}, Valid: false},
			{Name: "accounts_token_idx", Method: "hash", Keys: []IndexKey{{Column: "token"}}, Valid: true},
		},
		Constraints: []*Constraint{
			{Name: "accounts_pkey", Kind: PrimaryKey, Columns: []string{"id"}, Validated: true, Index: "accounts_pkey"},
			{Name: "accounts_n_check", Kind: Check, Expr: "n > 0", Validated: false},
			{Name: "accounts_email_key", Kind: Unique, Columns: []string{"email"}, Validated: true, Index: "accounts_email_key", Deferrable: true},
		},
	}
	pub.Tables["events"] = &Table{
		Schema: "public", Name: "events", RowEstimate: -1, PartitionKey: "RANGE (created_at)", Unlogged: true,
		Columns: []*Column{{Name: "account_id", Type: "int8"}, {Name: "created_at", Type: "timestamptz", NotNull: true, Default: "now()"}},
		Constraints: []*Constraint{
			{Name: "events_account_id_fkey", Kind: ForeignKey, Columns: []string{"account_id"}, RefSchema: "public", RefTable: "accounts",
				RefColumns: []string{"id"}, OnDelete: "CASCADE", OnUpdate: "NO ACTION", Validated: false, Source: src(9)},
			{Name: "events_excl", Kind: Exclusion, Expr: "account_id WITH =", Validated: true},
		},
	}
	pub.Tables["events_2024"] = &Table{
		Schema: "public", Name: "events_2024", RowEstimate: 0, PartitionOf: "events",
		PartitionBound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
		Columns:        []*Column{{Name: "account_id", Type: "int8"}, {Name: "created_at", Type: "timestamptz", NotNull: true}},
	}
	pub.Views["active_accounts"] = &View{Schema: "public", Name: "active_accounts", Query: "SELECT id FROM accounts WHERE n > 0",
		Columns: []*Column{{Name: "id", Type: "int8"}}, Source: src(12)}
	app.Views["totals"] = &View{Schema: "app", Name: "totals", Materialized: true, Query: "SELECT count(*) AS n FROM accounts",
		Columns: []*Column{{Name: "n", Type: ""}},
		Indexes: []*Index{{Name: "totals_n_idx", Method: "btree", Keys: []IndexKey{{Column: "n"}}, Valid: true}}}
	return c
}

func writeSnap(t *testing.T, c *Catalog) string {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteSnapshot(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSnapshotRoundTrip(t *testing.T) {
	first := writeSnap(t, fullCatalog())
	c, err := ReadSnapshot(strings.NewReader(first), "schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if second := writeSnap(t, c); second != first {
		t.Fatalf("write -> read -> write differs:\n--- first\n%s\n--- second\n%s", first, second)
	}
	// Deterministic: writing the same catalog again gives the same bytes.
	if again := writeSnap(t, fullCatalog()); again != first {
		t.Fatal("two writes of the same catalog differ")
	}
	// What was read is usable through the catalog's API.
	acc := c.Table("", "accounts")
	if acc == nil || acc.RowEstimate != 1200 || acc.Column("id").Identity != "always" {
		t.Fatalf("accounts = %+v", acc)
	}
	if ix := acc.Index("accounts_n_idx"); ix == nil || ix.Valid || !ix.Keys[0].Desc || ix.Keys[1].Opclass != "text_pattern_ops" {
		t.Errorf("accounts_n_idx = %+v", ix)
	}
	if ix := acc.Index("accounts_email_key"); ix == nil || ix.Keys[0].Expr != "lower((email)::text)" || !ix.Valid {
		t.Errorf("accounts_email_key = %+v", ix)
	}
	if pk := acc.PrimaryKey(); pk == nil || pk.Index != "accounts_pkey" || !pk.Validated {
		t.Errorf("pk = %+v", pk)
	}
	if k := acc.Constraint("accounts_n_check"); k == nil || k.Validated {
		t.Errorf("check = %+v", k)
	}
	ev := c.Table("public", "events")
	if fks := ev.ForeignKeys(); len(fks) != 1 || fks[0].Validated || fks[0].OnDelete != "CASCADE" {
		t.Errorf("events fks = %+v", fks)
	}
	if ev.RowEstimate != -1 || c.Table("", "events_2024").RowEstimate != 0 {
		t.Error("row estimates not kept")
	}
	if c.Schema("empty") == nil || c.Schema("app").Domains["email"] == nil || !c.Extensions["pgcrypto"] || c.Extensions["dropped"] {
		t.Error("schemas, domains or extensions not kept")
	}
	if c.Schema("public").Tables["accounts"].DroppedColumns == nil {
		t.Error("tables read from a snapshot must be ready for Apply (nil maps)")
	}
}

func TestSnapshotContractKeys(t *testing.T) {
	c := New()
	c.Schemas["public"].Tables["t"] = &Table{Schema: "public", Name: "t", RowEstimate: -1,
		Columns: []*Column{{Name: "id", Type: "int4"}},
		Indexes: []*Index{{Name: "t_id_idx", Keys: []IndexKey{{Column: "id"}}, Method: "btree", Valid: true}}}
	got := writeSnap(t, c)
	want := `{
  "search_path": [
    "public"
  ],
  "schemas": [
    {
      "name": "public"
    }
  ],
  "tables": [
    {
      "schema": "public",
      "name": "t",
      "columns": [
        {
          "name": "id",
          "type": "int4",
          "not_null": false,
          "default": ""
        }
      ],
      "indexes": [
        {
          "name": "t_id_idx",
          "columns": [
            "id"
          ],
          "unique": false,
          "primary": false,
          "predicate": "",
          "method": "btree"
        }
      ],
      "foreign_keys": []
    }
  ],
  "views": [],
  "enums": []
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A snapshot written by hand with only the keys DESIGN.md lists.
func TestReadHandWrittenSnapshot(t *testing.T) {
	src := `{"tables": [
  {"schema": "public", "name": "users", "row_estimate": 10,
   "columns": [{"name": "id", "type": "int8", "not_null": true}, {"name": "org_id", "type": "int8"}],
   "indexes": [{"name": "users_pkey", "columns": ["id"], "unique": true, "primary": true},
               {"name": "users_lower", "columns": ["(lower(name))"]}],
   "foreign_keys": [{"columns": ["org_id"], "ref_table": "orgs", "ref_columns": ["id"]}]},
  {"name": "orgs", "columns": [{"name": "id", "type": "int8"}]}
 ],
 "enums": [{"schema": "public", "name": "mood", "values": ["ok"]}]}`
	c, err := ReadSnapshot(strings.NewReader(src), "hand.json")
	if err != nil {
		t.Fatal(err)
	}
	u := c.Table("", "users")
	if u == nil || u.RowEstimate != 10 || len(u.Indexes) != 2 || u.Indexes[0].Method != "btree" || !u.Indexes[0].Valid {
		t.Fatalf("users = %+v", u)
	}
	if u.Indexes[1].Keys[0].Expr != "lower(name)" {
		t.Errorf("expression key = %+v", u.Indexes[1].Keys)
	}
	if fk := u.ForeignKeys(); len(fk) != 1 || !fk[0].Validated || fk[0].RefTable != "orgs" {
		t.Errorf("fk = %+v", fk)
	}
	if o := c.Table("public", "orgs"); o == nil || o.RowEstimate != -1 {
		t.Errorf("orgs = %+v", o)
	}
	if c.Enum("", "mood") == nil || len(c.SearchPath) != 1 || c.SearchPath[0] != "public" {
		t.Error("enum or default search_path missing")
	}
	// A catalog read from a snapshot round-trips from then on.
	first := writeSnap(t, c)
	c2, err := ReadSnapshot(strings.NewReader(first), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if writeSnap(t, c2) != first {
		t.Error("second round trip differs")
	}
}

func TestReadSnapshotErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown top key", "{\n  \"tables\": [],\n  \"tabels\": []\n}", `s.json:3:3: unknown key "tabels" in the snapshot`},
		{"unknown nested key", "{\"tables\": [{\"name\": \"t\",\n \"columns\": [{\"name\": \"a\", \"nullable\": true}]}]}",
			`s.json:2:28: unknown key "nullable" in tables[0].columns[0]`},
		{"unknown source key", `{"enums": [{"name": "e", "values": [], "source": {"file": "a", "col": 1}}]}`,
			`s.json:1:64: unknown key "col" in enums[0].source`},
		{"syntax", "{\"tables\": [\n  {\"name\": \"t\",}\n]}", `s.json:2:16: invalid JSON: invalid character '}' looking for beginning of object key string`},
		{"truncated", `{"tables": [`, `s.json:1:13: invalid JSON: unexpected end of input`},
		{"type", `{"tables": [{"name": "t", "columns": [{"name": "a", "not_null": "yes"}]}]}`,
			`s.json:1:65: tables[0].columns[0].not_null: expected a boolean, got a string`},
		{"object for array", `{"tables": {}}`, `s.json:1:12: tables: expected an array, got an object`},
		{"trailing", `{} {}`, `s.json:1:4: unexpected data after the snapshot`},
		{"no name", `{"tables": [{"schema": "public"}]}`, `s.json:1:13: tables[0]: table without a name`},
		{"dup table", `{"tables": [{"name": "t"}, {"schema": "public", "name": "t"}]}`, `s.json:1:28: tables[1]: relation "t" listed twice`},
		{"dup column", `{"tables": [{"name": "t", "columns": [{"name": "a"}, {"name": "a"}]}]}`, `s.json:1:54: tables[0].columns[1]: column "a" listed twice`},
		{"keys mismatch", `{"tables": [{"name": "t", "indexes": [{"name": "i", "columns": ["a"], "keys": [{"column": "b"}]}]}]}`,
			`s.json:1:39: tables[0].indexes[0]: index "i" key 1 is "b" but columns says "a"`},
		{"fk without table", `{"tables": [{"name": "t", "foreign_keys": [{"columns": ["a"]}]}]}`, `s.json:1:44: tables[0].foreign_keys[0]: foreign key without ref_table`},
		{"negative estimate", `{"tables": [{"name": "t", "row_estimate": -1}]}`, `s.json:1:13: tables[0]: row_estimate -1 is negative; leave it out when unknown`},
		{"not integer", `{"server_version": 1.5}`, `s.json:1:20: server_version: 1.5 is not an integer`},
		{"empty", ``, `s.json:1:1: invalid JSON: unexpected end of input`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSnapshot(strings.NewReader(tt.src), "s.json")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want *Error", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("err = %s\nwant  %s", err, tt.want)
			}
		})
	}
}

func TestSnapshotDroppedPublic(t *testing.T) {
	c := New()
	delete(c.Schemas, "public")
	c.Schemas["app"] = newSchema("app", Source{})
	c.SearchPath = nil
	first := writeSnap(t, c)
	c2, err := ReadSnapshot(strings.NewReader(first), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if c2.Schema("public") != nil {
		t.Error("public came back")
	}
	if second := writeSnap(t, c2); second != first {
		t.Errorf("differs:\n%s\n%s", first, second)
	}
}

func FuzzReadSnapshot(f *testing.F) {
	var b bytes.Buffer
	if err := fullCatalog().WriteSnapshot(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.String())
	f.Add(`{"tables": [{"name": "t", "indexes": [{"name": "i", "columns": ["()", ""]}]}]}`)
	f.Fuzz(func(t *testing.T, src string) {
		c, err := ReadSnapshot(strings.NewReader(src), "f.json")
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := c.WriteSnapshot(&out); err != nil {
			t.Fatal(err)
		}
		c2, err := ReadSnapshot(bytes.NewReader(out.Bytes()), "f.json")
		if err != nil {
			t.Fatalf("re-reading a written snapshot: %v\n%s", err, out.String())
		}
		var again bytes.Buffer
		if err := c2.WriteSnapshot(&again); err != nil {
			t.Fatal(err)
		}
		if again.String() != out.String() {
			t.Fatalf("not stable:\n%s\n%s", out.String(), again.String())
		}
	})
}
