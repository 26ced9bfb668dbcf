-- +goose NO TRANSACTION
-- +goose Up
-- near-miss: NO TRANSACTION, and the file manages its own transactions
BEGIN;
ALTER TABLE orders ADD COLUMN street text;
COMMIT;
BEGIN;
ALTER TABLE orders ADD COLUMN house text;
ROLLBACK;

-- +goose Down
ALTER TABLE orders DROP COLUMN street;
