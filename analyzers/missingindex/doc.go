// Package missingindex defines an Analyzer that reports queries no index
// serves and foreign keys without an index.
package missingindex

const doc = `missingindex: queries no index serves, foreign keys without one

For every table a query reads, updates or deletes (FROM and JOIN items,
CTE bodies, subqueries), missingindex collects the conditions on it from
the top-level ANDs of WHERE and JOIN ... ON, and checks them against the
indexes the schema has: primary keys, unique constraints, composite,
partial, expression, hash, GIN and GiST indexes.

Rules:

  no-index               filters (or a join) on columns no index leads with
  unindexable-predicate  LIKE '%x', ILIKE or a function over a column that
                         no index is built for
  sort-without-index     ORDER BY ... LIMIT after an indexed equality that
                         no index provides in order
  fk-without-index       a foreign key whose columns no index leads with,
                         reported at the migration statement that added it

Examples:

  db.QueryRow("SELECT id FROM orders WHERE customer_id = $1", id)
  // query on "orders" filters by "customer_id", which no index leads with;
  // add CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id)

  db.QueryRow("SELECT id FROM users WHERE lower(email) = $1", e)
  // query on "users" filters by lower(email), an expression no index is
  // built on; add CREATE INDEX CONCURRENTLY users_lower_idx ON users (lower(email))

  ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);
  -- foreign key "orders_customer_id_fkey" on "orders" (customer_id) has no
  -- index leading with its columns: deletes and updates on "customers" scan
  -- "orders", and joins on it cannot use an index; add CREATE INDEX
  -- CONCURRENTLY orders_customer_id_idx ON orders (customer_id)

A table is served as soon as one of its conditions can use an index (the
planner then filters the rest), and a table read with no condition at all
is not reported. The analyzer is silent for tables listed in small-tables
or estimated below min-rows; for a condition on a boolean column, under OR
(served when every branch is), with a dynamic value, or with an operator
it does not model on a column a GIN or GiST index covers; for a join whose
other side is not itself narrowed by an index; and for a statement whose
WHERE holds a dynamic part that may be a filter, and in _test.go files
(a test database is small). With pg-version 18 or
later an equality on any key of a B-tree counts as served (skip scan).
Identical findings in one function are reported once. Foreign keys are
reported once per module, by the package that reports migration findings,
unless "-- dblint:ignore fk-without-index <reason>" precedes the statement.`
