-- +goose NO TRANSACTION
-- +goose Up
-- near-misses: every statement can run again
CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipped_at timestamptz;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_shipped_check;
ALTER TABLE orders ADD CONSTRAINT orders_shipped_check CHECK (shipped_at > '2000-01-01') NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_shipped_check;
DROP INDEX CONCURRENTLY IF EXISTS orders_shipped_idx;
CREATE INDEX CONCURRENTLY orders_shipped_idx ON orders (shipped_at);
-- the last statement leaves nothing behind when it fails
CREATE TABLE events_archive (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE events_archive;
DROP INDEX CONCURRENTLY orders_shipped_idx;
ALTER TABLE orders DROP CONSTRAINT orders_shipped_check;
ALTER TABLE orders DROP COLUMN shipped_at;
DROP TABLE events;
