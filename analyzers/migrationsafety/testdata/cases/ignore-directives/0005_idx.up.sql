-- dblint:ignore migrationsafety/create-index-not-concurrently,querycheck/unknown-table batch job table
CREATE INDEX orders_total_idx ON orders (total);
