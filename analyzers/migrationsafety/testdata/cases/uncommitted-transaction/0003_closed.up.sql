-- near-miss: committed
BEGIN;
ALTER TABLE orders ADD COLUMN city text;
COMMIT;
