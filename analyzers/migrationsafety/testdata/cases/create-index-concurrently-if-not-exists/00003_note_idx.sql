-- +goose NO TRANSACTION
-- +goose Up
-- near-miss: a leftover invalid index is dropped first
DROP INDEX CONCURRENTLY IF EXISTS orders_note_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_note_idx ON orders (note);
