-- +goose Up
-- goose already runs this in a transaction
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;

-- +goose Down
ALTER TABLE orders DROP COLUMN note;
