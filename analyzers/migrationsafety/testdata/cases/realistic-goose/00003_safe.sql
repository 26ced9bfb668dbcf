-- +goose NO TRANSACTION
-- +goose Up
SET lock_timeout = '3s';
CREATE INDEX CONCURRENTLY orders_placed_idx ON orders (placed_at);
ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_qty_check;

-- +goose Down
DROP INDEX CONCURRENTLY orders_placed_idx;
ALTER TABLE orders DROP CONSTRAINT orders_qty_check;
