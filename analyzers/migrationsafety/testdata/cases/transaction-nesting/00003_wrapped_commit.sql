-- +goose Up
ALTER TABLE orders ADD COLUMN region text;
COMMIT;
ALTER TABLE orders ADD COLUMN city text;

-- +goose Down
ALTER TABLE orders DROP COLUMN city;
ALTER TABLE orders DROP COLUMN region;
