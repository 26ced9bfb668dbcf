-- +goose NO TRANSACTION
-- +goose Up
-- near-miss: alone in its migration, a failed build is the statement the
-- rerun stops at (and IF NOT EXISTS is create-index-concurrently-if-not-exists')
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);

-- +goose Down
DROP INDEX CONCURRENTLY orders_status_idx;
