-- +goose NO TRANSACTION
-- +goose Up
BEGIN;
ALTER TABLE orders ADD COLUMN zip text;
BEGIN;
ALTER TABLE orders ADD COLUMN country text;
COMMIT;
COMMIT;

-- +goose Down
ALTER TABLE orders DROP COLUMN country;
ALTER TABLE orders DROP COLUMN zip;
