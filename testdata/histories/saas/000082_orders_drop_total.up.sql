ALTER TABLE orders DROP CONSTRAINT orders_total_nonnegative;
ALTER TABLE orders DROP COLUMN total;
ALTER TABLE orders ADD CONSTRAINT orders_total_cents_check CHECK (total_cents >= 0);
