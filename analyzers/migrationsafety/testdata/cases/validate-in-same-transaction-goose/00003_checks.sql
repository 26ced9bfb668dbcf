-- +goose NO TRANSACTION
-- +goose Up
-- near-miss: each statement commits on its own
ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_qty_check;
