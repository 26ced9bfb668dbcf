-- +goose NO TRANSACTION
-- +goose Up
-- near-miss: NO TRANSACTION
CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);
CREATE INDEX CONCURRENTLY orders_qty_idx ON orders (qty);

-- +goose Down
DROP INDEX CONCURRENTLY orders_note_idx;
DROP INDEX CONCURRENTLY orders_qty_idx;
