// Package migrationsafety defines an Analyzer that reports migrations that
// lock, rewrite or break a table in use, and migrations that cannot be
// rolled back; its core, Check, needs no go/analysis and also serves
// `dblint migrations` through LintPaths.
//
// # Analyzer migrationsafety
//
// migrationsafety: migrations that lock, rewrite or break a live table
//
// The analyzer reads the module's migration directories (dblint.yaml
// "migrations:", by default the schema's migration directories) in the
// format of their tool (golang-migrate, goose, dbmate, tern, sql-migrate,
// atlas, flyway, plain), .sql migrations a package embeds with
// //go:embed, and the goose Go migrations a package registers
// (goose.AddMigration*Context(up, down), as passes/migrations resolves the
// SQL their functions send), in version order with the .sql goose
// migrations of the package's directory. It walks the migrations in order with the schema as it is
// before each statement, so it knows whether a table is new, a column's
// old type, a table's constraints, and which statements share a
// transaction (golang-migrate sends a multi-statement file as one implicit
// transaction; goose, dbmate, sql-migrate and tern wrap each migration
// unless told not to; BEGIN ... COMMIT in the file counts too). It
// reports, at the statement inside the .sql file (for a goose Go
// migration, at the Go call that sends the statement, and no-down-migration
// at the goose.AddMigration* call):
//
//   - Lock and rewrite hazards on tables that existed before the migration:
//     create-index-not-concurrently, drop-index-not-concurrently,
//     reindex-not-concurrently, detach-partition-not-concurrently (14+),
//     add-column-volatile-default (any default before 11),
//     add-column-generated-stored, add-column-serial (serial, bigserial or
//     identity), add-column-not-null-without-default, set-not-null (silent
//     with a validated CHECK (col IS NOT NULL) on 12+),
//     add-check-without-not-valid, add-foreign-key-without-not-valid,
//     validate-in-same-transaction, add-unique-without-using-index,
//     add-primary-key-without-using-index, add-exclusion-constraint,
//     alter-column-type-rewrite (silent for binary-compatible changes:
//     varchar(n) to varchar(m >= n) or text, numeric(p,s) to numeric(q >= p,s)
//     or numeric, cidr to inet; int4 to int8 and timestamp to timestamptz
//     are rewrites), set-tablespace, refresh-materialized-view-not-concurrently,
//     vacuum-full-or-cluster, alter-domain-add-constraint (ADD CONSTRAINT or
//     SET NOT NULL on a domain some existing table uses), multiple-exclusive-locks,
//     backfill-in-ddl-transaction, missing-lock-timeout (once per script, at
//     the first statement that waits for a lock blocking writes with no
//     SET [LOCAL] lock_timeout before it; CREATE TABLE ... REFERENCES and
//     PARTITION OF lock the existing table they name),
//     lock-timeout-too-long (above 10s, or 0), missing-statement-timeout
//     (once per script, at the first rewrite, scan or index build under an
//     ACCESS EXCLUSIVE lock with no statement_timeout set).
//   - Statements that fail, or leave the migration half-applied:
//     concurrently-in-transaction, concurrently-on-partitioned-table,
//     create-index-concurrently-if-not-exists (an invalid index survives),
//     transaction-nesting (BEGIN inside a transaction, or inside a
//     migration the tool wraps; COMMIT or ROLLBACK that ends the tool's
//     transaction or none), uncommitted-transaction, prefer-robust-stmts
//     (outside a transaction, a statement that commits before a later one
//     and fails on rerun: CREATE/DROP without IF [NOT] EXISTS, ADD/DROP
//     COLUMN and DROP CONSTRAINT without it, ADD CONSTRAINT not preceded by
//     DROP CONSTRAINT IF EXISTS, renames, CREATE INDEX CONCURRENTLY not
//     preceded by DROP INDEX CONCURRENTLY IF EXISTS).
//   - Changes that break code still running: rename-column, rename-table,
//     rename-object (views, types, enum values, sequences, functions,
//     schemas; SET SCHEMA), drop-column, drop-table, drop-schema,
//     drop-object (views, types, domains, sequences, functions,
//     extensions; silent when the migration creates it again),
//     drop-database, drop-not-null (columns and domains), drop-default
//     (and DROP EXPRESSION), truncate-cascade, identifier-too-long.
//   - Type choices for new columns (CREATE TABLE, ADD COLUMN) and new
//     column types (ALTER COLUMN TYPE): prefer-text-over-char,
//     prefer-text-over-varchar, prefer-bigint-keys, prefer-bigint-over-int,
//     prefer-bigint-over-smallint, prefer-identity, prefer-timestamptz,
//     prefer-jsonb; and create-domain-with-constraint,
//     add-enum-value-without-position.
//   - Rollback: no-down-migration (formats that have down scripts) and
//     down-does-not-undo (up then down must give back the schema the
//     migration started from).
//   - Directives: `-- dblint:ignore <rule>[,<rule>] <reason>` in the
//     comments before a statement suppresses that statement's findings;
//     ignore-without-reason and unused-ignore report directives that
//     cannot or do not. In a goose Go migration, //dblint:ignore on the
//     line of the Go call a finding is reported at, or the line above,
//     suppresses it, as everywhere in Go.
//
// Suggested fixes add CONCURRENTLY to CREATE INDEX, DROP INDEX, REINDEX
// and DETACH PARTITION, add NOT VALID to ADD CONSTRAINT CHECK and FOREIGN
// KEY, insert SET lock_timeout = '5s' before a locking statement, replace
// serial types with identity columns, add IF [NOT] EXISTS to CREATE TABLE,
// CREATE INDEX and DROP, and add the missing COMMIT; none for goose Go
// migrations, whose SQL is not text of the .go file.
//
// # Examples
//
// Two golang-migrate files of one statement each, on a table an earlier
// migration created:
//
//	-- 000003_orders_status.up.sql
//	CREATE INDEX orders_status_idx ON orders (status); -- CREATE INDEX "orders_status_idx" on "orders" takes a SHARE lock that blocks writes to "orders" for the whole build; use CREATE INDEX CONCURRENTLY, outside a transaction
//	-- 000004_orders_total.up.sql
//	ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0); -- adding CHECK constraint "orders_total_check" to "orders" checks every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add it NOT VALID, then VALIDATE CONSTRAINT "orders_total_check" in a separate transaction (that takes only a SHARE UPDATE EXCLUSIVE lock)
//
// The analyzer is silent on tables, columns, schemas and views created
// earlier in the same migration (no running code uses them yet), on
// migrations up to migrations-baseline, on down scripts except for
// down-does-not-undo, and when it cannot tell: a column type change whose
// old type is unknown and whose new type some old type converts to for
// free, a DROP ... IF EXISTS of an object the schema never had.
// Statements the migration tool runs in a transaction are silent for
// prefer-robust-stmts. A goose Go function whose SQL passes/migrations
// cannot resolve is not checked: an unknown up function skips the
// migration, an unknown down function is not a missing one. docs/squawk.md maps each squawk rule to these ids
// and lists where dblint differs on purpose.
// Statements that do not apply to the schema are checked as acting on an
// existing object of unknown shape.
//
// To report each migration once per module however the driver splits the
// work, the module's migration directories are reported by one package,
// chosen from the file system (see Owner): the package in the module root,
// else the first package (by import path) that //go:embed's a migration
// directory, else the module's first package. Directories embedded
// elsewhere are reported by the package that embeds them, and goose Go
// migrations by the package that registers them (merged with the .sql
// goose migrations of its directory; their own findings are reported only
// where that directory is).
package migrationsafety
