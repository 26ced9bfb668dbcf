CREATE INDEX orders_status_idx ON orders (status);
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
