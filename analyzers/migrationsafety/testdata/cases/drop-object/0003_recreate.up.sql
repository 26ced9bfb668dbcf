-- near-misses: dropped to be created again, created by this migration,
-- and IF EXISTS of a view the schema never had
CREATE VIEW open_orders AS SELECT id FROM orders WHERE status = 'open';
DROP VIEW open_orders;
CREATE VIEW open_orders AS SELECT id, status FROM orders WHERE status = 'open';
CREATE TYPE color AS ENUM ('red');
DROP TYPE color;
DROP VIEW IF EXISTS never_was;
