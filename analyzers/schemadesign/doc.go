// Package schemadesign defines an Analyzer that reviews the schema the
// project's migrations build, and the privileges they grant.
//
// # Analyzer schemadesign
//
// schemadesign: schema design and migration privileges review
//
// The analyzer reads the final schema (the catalog every other analyzer
// uses) and the up scripts of the configured migration directories, and
// reports at the statement in the .sql file:
//
//   - table-without-primary-key: a table with no primary key and no
//     unique index at all. Partitions are skipped: their keys are their
//     parent's.
//   - missing-foreign-key: a column named <table>_id or <singular>_id
//     (orders -> order_id, statuses -> status_id, categories ->
//     category_id) of the same type as that table's single-column primary
//     key, with no foreign key on it. Irregular plurals (people ->
//     person_id) are not guessed, and a name that could mean two tables
//     is skipped.
//   - float-for-money: a real or double precision column whose name, or
//     the last word of it, is price, amount, cost, total, subtotal,
//     balance, fee, tax, salary, wage or cents (unit_price, total_cents).
//   - grant-all: GRANT ALL [PRIVILEGES] on tables, sequences, schemas or
//     databases (also through ALTER DEFAULT PRIVILEGES), unless a later
//     migration revokes it. On functions, types and languages ALL is a
//     single privilege and is not reported.
//   - superuser-role: CREATE ROLE/USER ... SUPERUSER or ALTER ROLE/USER
//     ... SUPERUSER, unless a later migration takes it back (NOSUPERUSER,
//     DROP ROLE).
//
// Findings are reported once per module, by the package that reports
// migrationsafety's findings (migrationsafety.Owner), and honour
// `-- dblint:ignore <rule> <reason>` before the statement.
//
// # Examples
//
//	CREATE TABLE products (id bigint PRIMARY KEY, price double precision NOT NULL);
//	-- column "price" of "products" holds money in double precision, a binary floating-point type: amounts like 0.10 are stored inexactly and sums drift by fractions of a cent; use numeric (numeric(12,2), or the precision the currency needs) or an integer number of cents
//
//	GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO app;
//	-- GRANT ALL on all tables in schema "public" to "app" gives every privilege, including TRUNCATE, REFERENCES and TRIGGER; grant only what the application needs (GRANT SELECT, INSERT, UPDATE, DELETE)
//
// # Precision
//
// The rules judge the final schema, not each step: a primary key or a
// foreign key added by a later migration, or a column later changed to
// numeric, leaves nothing to report. missing-foreign-key needs the name,
// the referenced table and the key type to agree; float-for-money needs a
// money word as the name or its last word (tax_rate and total_weight are
// not money). There is no unique-by-convention rule (an email or slug
// column without a unique index): whether duplicates are allowed is a
// product decision that a name does not settle, and the check-then-insert
// rule of txrace reports the races a missing unique index lets through.
package schemadesign

const doc = `schemadesign: schema design and migration privileges review

Reviews the schema the migrations build and reports, at the statement in
the .sql file: tables with neither a primary key nor a unique index,
<table>_id columns without a foreign key, money held in real or double
precision columns, GRANT ALL on tables, sequences, schemas or databases,
and roles made SUPERUSER. Reported once per module by the package that
reports migrationsafety's findings.`
