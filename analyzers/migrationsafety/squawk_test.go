package migrationsafety_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dblint/dblint/analyzers/migrationsafety"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// squawkSetup is the schema squawk's documented examples act on, applied
// as an earlier migration (below the baseline, so it is not reported).
const squawkSetup = `
CREATE SCHEMA app;
CREATE TABLE account (id bigint PRIMARY KEY);
CREATE TABLE app_user (id bigint PRIMARY KEY, email text NOT NULL, name varchar(100));
CREATE INDEX app_user_email_idx ON app_user (email);
CREATE TABLE "user" (id bigint PRIMARY KEY);
CREATE TABLE email (id bigint PRIMARY KEY, user_id bigint);
CREATE TABLE recipe (id bigint PRIMARY KEY, view_count bigint);
CREATE TABLE recipe_checked (id bigint PRIMARY KEY, view_count bigint);
ALTER TABLE recipe_checked ADD CONSTRAINT view_count_not_null CHECK (view_count IS NOT NULL);
CREATE TABLE items (id bigint NOT NULL);
CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric);
CREATE TABLE table_name (id bigint PRIMARY KEY, field_name text);
CREATE TABLE distributors (dist_id bigint CONSTRAINT distributors_pkey PRIMARY KEY);
CREATE TABLE users (id integer PRIMARY KEY);
CREATE TABLE app.users (created_ts timestamptz, modified_ts timestamptz);
CREATE TABLE user_stars (id bigint PRIMARY KEY);
CREATE TABLE t (id bigint CONSTRAINT t_pkey PRIMARY KEY);
CREATE TABLE a (a_id bigint PRIMARY KEY);
CREATE TABLE b (b_id bigint PRIMARY KEY, a_id bigint REFERENCES a (a_id));
CREATE DOMAIN domain_name AS numeric;
CREATE DOMAIN nn_text AS text NOT NULL;
CREATE TABLE prices (id bigint PRIMARY KEY, amount domain_name, label nn_text);
CREATE TYPE status AS ENUM ('draft', 'submitted', 'approved', 'rejected');
CREATE SCHEMA s;
CREATE VIEW v AS SELECT id FROM account;
CREATE SEQUENCE seq;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE EXTENSION hstore;
CREATE TABLE line_items (id bigint PRIMARY KEY, qty bigint NOT NULL DEFAULT 1, price bigint, total bigint GENERATED ALWAYS AS (qty * price) STORED);
CREATE TABLE measurements (at date NOT NULL, v bigint) PARTITION BY RANGE (at);
CREATE TABLE m2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
`

// squawkCase is one SQL example from squawk's rule documentation (or its
// rule tests, where the page has none) and the dblint rule ids that fire
// on it, every rule enabled, PostgreSQL 15 unless pg says otherwise.
type squawkCase struct {
	squawk string // the squawk rule the example documents
	sql    string
	// tx is how the migration tool runs the script: golang-migrate's
	// implicit transaction by default (one statement alone runs in
	// autocommit), "none" for a migration without a transaction (goose NO
	// TRANSACTION), "wrapped" for a tool-managed transaction (squawk's
	// --assume-in-transaction).
	tx   string
	pg   int
	want []string
}

var squawkCases = []squawkCase{
	// adding-field-with-default
	{squawk: "adding-field-with-default", sql: `ALTER TABLE "account" ADD COLUMN "foo" integer DEFAULT 10;`,
		want: []string{"missing-lock-timeout", "prefer-bigint-over-int"}},
	{squawk: "adding-field-with-default", pg: 10, sql: `ALTER TABLE "account" ADD COLUMN "foo" integer DEFAULT 10;`,
		want: []string{"add-column-volatile-default", "missing-lock-timeout", "prefer-bigint-over-int"}},
	{squawk: "adding-field-with-default", sql: `ALTER TABLE "account" ADD COLUMN "ab_group" integer DEFAULT random();`,
		want: []string{"add-column-volatile-default", "missing-lock-timeout", "prefer-bigint-over-int"}},
	{squawk: "adding-field-with-default", sql: `ALTER TABLE "account" ADD COLUMN "ab_group" bigint;
ALTER TABLE "account" ALTER COLUMN "ab_group" SET DEFAULT random();`,
		want: []string{"missing-lock-timeout"}},
	{squawk: "adding-field-with-default", sql: `ALTER TABLE "account" ADD COLUMN "foo" timestamptz DEFAULT now();`,
		want: []string{"missing-lock-timeout"}},
	{squawk: "adding-field-with-default", sql: `ALTER TABLE account ADD COLUMN bar numeric GENERATED ALWAYS AS (id * 2) STORED;`,
		want: []string{"add-column-generated-stored", "missing-lock-timeout"}},

	// adding-foreign-key-constraint
	{squawk: "adding-foreign-key-constraint", sql: `ALTER TABLE "email" ADD CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id");`,
		want: []string{"add-foreign-key-without-not-valid", "missing-lock-timeout"}},
	{squawk: "adding-foreign-key-constraint", tx: "none", sql: `ALTER TABLE "email" ADD CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") NOT VALID;
ALTER TABLE "email" VALIDATE CONSTRAINT "fk_user";`,
		want: []string{"missing-lock-timeout", "prefer-robust-stmts"}},
	{squawk: "adding-foreign-key-constraint", sql: `ALTER TABLE "email" ADD CONSTRAINT "fk_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") NOT VALID;
ALTER TABLE "email" VALIDATE CONSTRAINT "fk_user";`,
		want: []string{"missing-lock-timeout", "validate-in-same-transaction"}},
	{squawk: "adding-foreign-key-constraint", sql: `CREATE TABLE email2 (
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    user_id BIGINT,
    email TEXT,
    PRIMARY KEY(id),
    CONSTRAINT fk_user FOREIGN KEY ("user_id") REFERENCES "user" ("id")
);`,
		want: []string{"missing-lock-timeout"}},

	// adding-not-nullable-field
	{squawk: "adding-not-nullable-field", sql: `ALTER TABLE "recipe" ALTER COLUMN "view_count" SET NOT NULL;`,
		want: []string{"missing-lock-timeout", "set-not-null"}},
	{squawk: "adding-not-nullable-field", sql: `ALTER TABLE recipe_checked ALTER COLUMN view_count SET NOT NULL;`,
		want: []string{"missing-lock-timeout"}},
	{squawk: "adding-not-nullable-field", pg: 11, sql: `ALTER TABLE recipe_checked ALTER COLUMN view_count SET NOT NULL;`,
		want: []string{"missing-lock-timeout", "set-not-null"}},

	// adding-required-field
	{squawk: "adding-required-field", sql: `ALTER TABLE "recipe" ADD COLUMN "public" boolean NOT NULL;`,
		want: []string{"add-column-not-null-without-default", "missing-lock-timeout"}},
	{squawk: "adding-required-field", sql: `ALTER TABLE "recipe" ADD COLUMN "public" boolean;`,
		want: []string{"missing-lock-timeout"}},
	{squawk: "adding-required-field", sql: `ALTER TABLE "recipe" ADD COLUMN "public" boolean NOT NULL DEFAULT false;`,
		want: []string{"missing-lock-timeout"}},

	// adding-serial-primary-key-field, adding-primary-key-constraint
	{squawk: "adding-serial-primary-key-field", sql: `ALTER TABLE items ADD PRIMARY KEY (id);`,
		want: []string{"add-primary-key-without-using-index", "missing-lock-timeout"}},
	{squawk: "adding-serial-primary-key-field", tx: "none", sql: `CREATE UNIQUE INDEX CONCURRENTLY items_pk_idx ON items (id);
ALTER TABLE items ADD CONSTRAINT items_pk PRIMARY KEY USING INDEX items_pk_idx;`,
		want: []string{"missing-lock-timeout", "prefer-robust-stmts"}},
	{squawk: "adding-primary-key-constraint", sql: `ALTER TABLE items ADD COLUMN seq serial PRIMARY KEY;`,
		want: []string{"add-column-serial", "add-primary-key-without-using-index", "missing-lock-timeout", "prefer-bigint-keys", "prefer-identity"}},

	// ban-alter-domain-with-add-constraint
	{squawk: "ban-alter-domain-with-add-constraint", sql: `ALTER DOMAIN domain_name ADD CONSTRAINT constraint_name CHECK (value > 0);`,
		want: []string{"alter-domain-add-constraint", "missing-lock-timeout"}},
	{squawk: "ban-alter-domain-with-add-constraint", sql: `ALTER DOMAIN domain_name ADD CONSTRAINT constraint_name CHECK (value > 0) NOT VALID;`,
		want: []string{"alter-domain-add-constraint"}},
	{squawk: "ban-alter-domain-with-add-constraint", sql: `ALTER DOMAIN domain_name DROP CONSTRAINT IF EXISTS other_constraint;`},

	// ban-char-field
	{squawk: "ban-char-field", sql: `CREATE TABLE "app_user2" (
    "id" serial NOT NULL PRIMARY KEY,
    "name" char(100) NOT NULL,
    "email" character NOT NULL
);`,
		want: []string{"prefer-bigint-keys", "prefer-identity", "prefer-text-over-char"}},
	{squawk: "ban-char-field", sql: `CREATE TABLE "app_user2" ("id" bigint PRIMARY KEY, "email" TEXT NOT NULL);`},

	// ban-concurrent-index-creation-in-transaction
	{squawk: "ban-concurrent-index-creation-in-transaction", sql: `BEGIN;
CREATE INDEX CONCURRENTLY "email_idx" ON "app_user" ("email");
COMMIT;`,
		want: []string{"concurrently-in-transaction"}},
	{squawk: "ban-concurrent-index-creation-in-transaction", tx: "none", sql: `BEGIN;
COMMIT;
CREATE INDEX CONCURRENTLY "email_idx" ON "app_user" ("email");`},
	// golang-migrate sends the file as one string: after COMMIT the rest
	// is a new implicit transaction, and CONCURRENTLY fails there.
	{squawk: "ban-concurrent-index-creation-in-transaction", sql: `BEGIN;
COMMIT;
CREATE INDEX CONCURRENTLY "email_idx" ON "app_user" ("email");`,
		want: []string{"concurrently-in-transaction"}},

	// ban-create-domain-with-constraint
	{squawk: "ban-create-domain-with-constraint", sql: `CREATE DOMAIN domain_name_3 AS NUMERIC(15,5) CHECK (value > 0);`,
		want: []string{"create-domain-with-constraint"}},
	{squawk: "ban-create-domain-with-constraint", sql: `CREATE DOMAIN domain_name_1 AS TEXT;`},

	// ban-drop-column, ban-drop-database, ban-drop-not-null, ban-drop-table
	{squawk: "ban-drop-column", sql: `ALTER TABLE app_user DROP COLUMN name;`,
		want: []string{"drop-column", "missing-lock-timeout"}},
	{squawk: "ban-drop-database", sql: `DROP DATABASE all_the_data;`,
		want: []string{"drop-database"}},
	{squawk: "ban-drop-not-null", sql: `ALTER TABLE app_user ALTER COLUMN email DROP NOT NULL;`,
		want: []string{"drop-not-null", "missing-lock-timeout"}},
	{squawk: "ban-drop-not-null", sql: `ALTER DOMAIN nn_text DROP NOT NULL;`,
		want: []string{"drop-not-null"}},
	{squawk: "ban-drop-table", sql: `DROP TABLE user_stars;`,
		want: []string{"drop-table", "missing-lock-timeout"}},

	// ban-truncate-cascade
	{squawk: "ban-truncate-cascade", sql: `truncate a cascade;`,
		want: []string{"missing-lock-timeout", "truncate-cascade"}},
	{squawk: "ban-truncate-cascade", sql: `truncate a, b;`,
		want: []string{"missing-lock-timeout"}},

	// ban-uncommitted-transaction
	{squawk: "ban-uncommitted-transaction", sql: `begin;
create table users2 (id bigint);`,
		want: []string{"uncommitted-transaction"}},
	{squawk: "ban-uncommitted-transaction", sql: `begin;
create table users2 (id bigint);
commit;`},

	// changing-column-type
	{squawk: "changing-column-type", sql: `ALTER TABLE users ALTER COLUMN id TYPE bigint;`,
		want: []string{"alter-column-type-rewrite", "missing-lock-timeout"}},
	// varchar to text is binary-compatible: no rewrite, a short lock.
	{squawk: "changing-column-type", sql: `ALTER TABLE app_user ALTER COLUMN name TYPE text;`,
		want: []string{"missing-lock-timeout"}},

	// constraint-missing-not-valid
	{squawk: "constraint-missing-not-valid", sql: `ALTER TABLE "accounts" ADD CONSTRAINT "positive_balance" CHECK ("balance" >= 0);`,
		want: []string{"add-check-without-not-valid", "missing-lock-timeout"}},
	{squawk: "constraint-missing-not-valid", tx: "none", sql: `ALTER TABLE "accounts" ADD CONSTRAINT "positive_balance" CHECK ("balance" >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;`,
		want: []string{"missing-lock-timeout", "prefer-robust-stmts"}},
	{squawk: "constraint-missing-not-valid", sql: `BEGIN;
ALTER TABLE "accounts" ADD CONSTRAINT "positive_balance" CHECK ("balance" >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;
COMMIT;`,
		want: []string{"missing-lock-timeout", "validate-in-same-transaction"}},
	{squawk: "constraint-missing-not-valid", sql: `CREATE TABLE "core_foo" ("id" bigint PRIMARY KEY, "age" bigint NOT NULL);
ALTER TABLE "core_foo" ADD CONSTRAINT "age_restriction" CHECK ("age" >= 25);`},

	// disallowed-unique-constraint
	{squawk: "disallowed-unique-constraint", sql: `ALTER TABLE table_name ADD CONSTRAINT field_name_constraint UNIQUE (field_name);`,
		want: []string{"add-unique-without-using-index", "missing-lock-timeout"}},
	{squawk: "disallowed-unique-constraint", sql: `ALTER TABLE table_name ADD COLUMN bar text UNIQUE;`,
		want: []string{"add-unique-without-using-index", "missing-lock-timeout"}},
	{squawk: "disallowed-unique-constraint", tx: "none", sql: `CREATE UNIQUE INDEX CONCURRENTLY dist_id_temp_idx ON distributors (dist_id);
ALTER TABLE distributors
    DROP CONSTRAINT distributors_pkey,
    ADD CONSTRAINT distributors_pkey PRIMARY KEY USING INDEX dist_id_temp_idx;`,
		want: []string{"missing-lock-timeout", "prefer-robust-stmts"}},

	// prefer-bigint-over-int, prefer-bigint-over-smallint, prefer-big-int
	{squawk: "prefer-bigint-over-int", sql: `CREATE TABLE posts (id serial primary key);`,
		want: []string{"prefer-bigint-keys", "prefer-identity"}},
	{squawk: "prefer-bigint-over-int", sql: `CREATE TABLE posts (id int primary key);`,
		want: []string{"prefer-bigint-keys"}},
	{squawk: "prefer-bigint-over-int", sql: `CREATE TABLE posts (id bigint primary key, views integer, tags int4[]);`,
		want: []string{"prefer-bigint-over-int"}},
	{squawk: "prefer-bigint-over-int", sql: `CREATE TABLE posts (id bigserial primary key);`,
		want: []string{"prefer-identity"}},
	{squawk: "prefer-bigint-over-smallint", sql: `CREATE TABLE posts (id smallserial primary key);`,
		want: []string{"prefer-bigint-keys", "prefer-identity"}},
	{squawk: "prefer-bigint-over-smallint", sql: `CREATE TABLE posts (id bigint primary key, rank smallint);`,
		want: []string{"prefer-bigint-over-smallint"}},

	// prefer-identity
	{squawk: "prefer-identity", sql: `create table app.users2 (id bigserial);`,
		want: []string{"prefer-identity"}},
	{squawk: "prefer-identity", sql: `create table app.users2 (id bigint generated by default as identity primary key);`},

	// prefer-robust-stmts: the page's example, add a column then build
	// an index concurrently, outside a transaction.
	{squawk: "prefer-robust-stmts", tx: "none", sql: `ALTER TABLE account ADD COLUMN billing_email text;
CREATE INDEX CONCURRENTLY account_billing_email_idx ON account (billing_email);`,
		want: []string{"missing-lock-timeout", "prefer-robust-stmts"}},
	// squawk's fix (IF NOT EXISTS on the concurrent build) keeps an
	// invalid index from a failed build; dblint asks for a DROP first.
	{squawk: "prefer-robust-stmts", tx: "none", sql: `ALTER TABLE account ADD COLUMN IF NOT EXISTS billing_email text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS account_billing_email_idx ON account (billing_email);`,
		want: []string{"create-index-concurrently-if-not-exists", "missing-lock-timeout"}},
	{squawk: "prefer-robust-stmts", tx: "none", sql: `ALTER TABLE account ADD COLUMN IF NOT EXISTS billing_email text;
DROP INDEX CONCURRENTLY IF EXISTS account_billing_email_idx;
CREATE INDEX CONCURRENTLY account_billing_email_idx ON account (billing_email);`,
		want: []string{"missing-lock-timeout"}},
	{squawk: "prefer-robust-stmts", tx: "none", sql: `CREATE TABLE "foo_tbl" ("id" bigint PRIMARY KEY);
DROP TABLE "user_stars";
ALTER TABLE "app_user" DROP CONSTRAINT "app_user_pkey";
DROP INDEX "app_user_email_idx";
SELECT 1;`,
		want: []string{"drop-index-not-concurrently", "drop-table", "missing-lock-timeout", "prefer-robust-stmts"}},
	// in a transaction a failure undoes everything: nothing to rerun
	{squawk: "prefer-robust-stmts", sql: `CREATE TABLE "foo_tbl" ("id" bigint PRIMARY KEY);
ALTER TABLE "app_user" ADD COLUMN "email2" text NULL;`,
		want: []string{"missing-lock-timeout"}},

	// prefer-text-field
	{squawk: "prefer-text-field", sql: `CREATE TABLE "app_user2" ("id" bigint NOT NULL PRIMARY KEY, "email" varchar(100) NOT NULL);`,
		want: []string{"prefer-text-over-varchar"}},
	{squawk: "prefer-text-field", sql: `ALTER TABLE app_user ALTER COLUMN name TYPE varchar(1000);`,
		want: []string{"missing-lock-timeout", "prefer-text-over-varchar"}},
	{squawk: "prefer-text-field", sql: `CREATE TABLE "app_user2" ("id" bigint NOT NULL PRIMARY KEY, "email" TEXT NOT NULL);
ALTER TABLE "app_user2" ADD CONSTRAINT "text_size" CHECK (LENGTH("email") <= 100);`},

	// prefer-timestamptz
	{squawk: "prefer-timestamptz", sql: `create table app.users2 (created_ts timestamp, modified_ts timestamp without time zone);`,
		want: []string{"prefer-timestamptz"}},
	{squawk: "prefer-timestamptz", sql: `alter table app.users
    alter column created_ts type timestamp,
    alter column modified_ts type timestamp without time zone;`,
		want: []string{"alter-column-type-rewrite", "missing-lock-timeout", "prefer-timestamptz"}},
	{squawk: "prefer-timestamptz", sql: `create table app.users2 (created_ts timestamptz, modified_ts timestamptz);`},

	// renaming-column, renaming-table
	{squawk: "renaming-column", sql: `ALTER TABLE app_user RENAME COLUMN email TO email_address;`,
		want: []string{"missing-lock-timeout", "rename-column"}},
	{squawk: "renaming-table", sql: `ALTER TABLE user_stars RENAME TO user_favorites;`,
		want: []string{"missing-lock-timeout", "rename-table"}},
	{squawk: "renaming-table", sql: `CREATE VIEW user_favorites AS SELECT * FROM user_stars;`},

	// require-concurrent-index-creation, require-concurrent-index-deletion
	{squawk: "require-concurrent-index-creation", sql: `CREATE INDEX "email_idx" ON "app_user" ("email");`,
		want: []string{"create-index-not-concurrently", "missing-lock-timeout"}},
	{squawk: "require-concurrent-index-creation", sql: `CREATE TABLE t2 (id bigint);
CREATE INDEX t2_id_idx ON t2 (id);`},
	{squawk: "require-concurrent-index-deletion", sql: `DROP INDEX "app_user_email_idx";`,
		want: []string{"drop-index-not-concurrently", "missing-lock-timeout"}},
	{squawk: "require-concurrent-index-deletion", sql: `DROP INDEX CONCURRENTLY "app_user_email_idx";`},

	// transaction-nesting
	{squawk: "transaction-nesting", sql: `BEGIN;
BEGIN;
SELECT 1;
COMMIT;`,
		want: []string{"transaction-nesting"}},
	{squawk: "transaction-nesting", tx: "none", sql: `BEGIN;
SELECT 1;
COMMIT;
COMMIT;`,
		want: []string{"transaction-nesting"}},
	{squawk: "transaction-nesting", tx: "wrapped", sql: `SELECT 1;
COMMIT;`,
		want: []string{"transaction-nesting"}},
	{squawk: "transaction-nesting", tx: "none", sql: `BEGIN;
SELECT 1;
COMMIT;
BEGIN;
SELECT 2;
COMMIT;`},

	// require-timeout-settings (require-lock-timeout, require-statement-timeout)
	{squawk: "require-timeout-settings", sql: `alter table account add column c boolean;`,
		want: []string{"missing-lock-timeout"}},
	{squawk: "require-timeout-settings", sql: `set lock_timeout = '1s';
set statement_timeout = '5s';
alter table account add column c boolean;`},
	// a new table takes no lock anyone waits on
	{squawk: "require-timeout-settings", sql: `create table fresh (id bigint primary key);`},
	// -- dblint:ignore of the rewrite rule leaves the rewrite unbounded
	{squawk: "require-timeout-settings", sql: `set lock_timeout = '1s';
-- dblint:ignore alter-column-type-rewrite users is tiny
ALTER TABLE users ALTER COLUMN id TYPE bigint;`,
		want: []string{"missing-statement-timeout"}},

	// require-enum-value-ordering
	{squawk: "require-enum-value-ordering", sql: `ALTER TYPE status ADD VALUE 'pending_review';`,
		want: []string{"add-enum-value-without-position"}},
	{squawk: "require-enum-value-ordering", sql: `ALTER TYPE status ADD VALUE 'pending_review' BEFORE 'approved';`},

	// require-table-schema is opt-in in squawk, and not ported
	{squawk: "require-table-schema", sql: `create table posts (id bigint primary key);`},

	// rules squawk added after the 38-rule set
	{squawk: "ban-drop-schema", sql: `DROP SCHEMA IF EXISTS s CASCADE;`,
		want: []string{"drop-schema"}},
	{squawk: "require-concurrent-reindex", sql: `REINDEX INDEX app_user_email_idx;`,
		want: []string{"missing-lock-timeout", "reindex-not-concurrently"}},
	{squawk: "require-concurrent-partition-detach", sql: `ALTER TABLE measurements DETACH PARTITION m2023;`,
		want: []string{"detach-partition-not-concurrently", "missing-lock-timeout"}},
	{squawk: "ban-drop-view", sql: `DROP VIEW v;`,
		want: []string{"drop-object"}},
	{squawk: "ban-drop-view", sql: `DROP VIEW v;
CREATE VIEW v AS SELECT id, id AS account_id FROM account;`},
	{squawk: "ban-drop-type", sql: `DROP TYPE status;`,
		want: []string{"drop-object"}},
	{squawk: "ban-drop-domain", sql: `DROP DOMAIN IF EXISTS nn_text CASCADE;`,
		want: []string{"drop-object"}},
	{squawk: "ban-drop-domain", sql: `DROP DOMAIN IF EXISTS never_created;`},
	{squawk: "ban-drop-sequence", sql: `DROP SEQUENCE IF EXISTS seq CASCADE;`,
		want: []string{"drop-object"}},
	{squawk: "ban-drop-function", sql: `DROP FUNCTION f();`,
		want: []string{"drop-object"}},
	{squawk: "ban-drop-function", sql: `DROP FUNCTION f();
CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS 'SELECT 2';`},
	{squawk: "ban-drop-extension", sql: `DROP EXTENSION IF EXISTS hstore;`,
		want: []string{"drop-object"}},
	{squawk: "renaming-object", sql: `ALTER VIEW v RENAME TO v2;`,
		want: []string{"rename-object"}},
	{squawk: "renaming-object", sql: `ALTER TYPE status RENAME VALUE 'draft' TO 'open';`,
		want: []string{"rename-object"}},
	{squawk: "ban-set-schema", sql: `ALTER TABLE t SET SCHEMA s;`,
		want: []string{"missing-lock-timeout", "rename-object"}},
	{squawk: "ban-drop-default", sql: `ALTER TABLE line_items ALTER COLUMN qty DROP DEFAULT;`,
		want: []string{"drop-default", "missing-lock-timeout"}},
	{squawk: "ban-drop-generated-expression", sql: `ALTER TABLE line_items ALTER COLUMN total DROP EXPRESSION;`,
		want: []string{"drop-default", "missing-lock-timeout"}},
	{squawk: "identifier-too-long", sql: `create table table_very_long_very_long_very_long_very_long_very_long_very_long (
  column_very_long_very_long_very_long_very_long_very_long_very_long bigint
);`,
		want: []string{"identifier-too-long"}},
	{squawk: "identifier-too-long", sql: `create table a_shorter_table_name (a_shorter_column_name bigint);`},
	{squawk: "prefer-repack", sql: `vacuum full t;`,
		want: []string{"missing-lock-timeout", "vacuum-full-or-cluster"}},
	{squawk: "prefer-repack", sql: `cluster t using t_pkey;`,
		want: []string{"missing-lock-timeout", "vacuum-full-or-cluster"}},
}

// TestSquawkExamples checks which dblint rules fire on squawk's
// documented examples (docs/squawk.md is the mapping).
func TestSquawkExamples(t *testing.T) {
	for _, c := range squawkCases {
		t.Run(c.squawk, func(t *testing.T) {
			tx := map[string]sqlschema.TxMode{"": sqlschema.TxImplicit, "none": sqlschema.TxNone, "wrapped": sqlschema.TxWrapped}[c.tx]
			migs := []*sqlschema.Migration{
				{Version: "1", Name: "setup", Up: squawkScript(t, "setup.sql", squawkSetup, sqlschema.TxImplicit)},
				{Version: "2", Name: "example", Up: squawkScript(t, "example.sql", c.sql, tx)},
			}
			findings, err := migrationsafety.Check(migs, migrationsafety.Options{PGVersion: c.pg, Baseline: "1"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range findings {
				got = append(got, f.Rule)
			}
			slices.Sort(got)
			got = slices.Compact(got)
			want := slices.Clone(c.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				var msgs []string
				for _, f := range findings {
					msgs = append(msgs, f.Rule+": "+f.Message)
				}
				t.Errorf("%s\ngot  %v\nwant %v\n%s", c.sql, got, want, strings.Join(msgs, "\n"))
			}
		})
	}
}

func squawkScript(t *testing.T, file, src string, tx sqlschema.TxMode) *sqlschema.Script {
	t.Helper()
	res, err := pgsql.ParseUncached(src)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &sqlschema.Script{File: file, Src: src, Statements: res.Statements, Tx: tx}
}
