-- +goose Up
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
CREATE INDEX orders_status_idx ON orders (status);
UPDATE orders SET shipped_at = now() WHERE status = 'shipped';

-- +goose Down
ALTER TABLE orders DROP CONSTRAINT orders_total_check;
ALTER TABLE orders DROP COLUMN shipped_at;
