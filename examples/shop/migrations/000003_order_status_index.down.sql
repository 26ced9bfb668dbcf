ALTER TABLE orders DROP COLUMN shipped_at;
DROP INDEX orders_status_idx;
