-- +goose Up
SET lock_timeout = '5s';
ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;

-- +goose Down
SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
