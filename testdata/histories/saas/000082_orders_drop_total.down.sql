ALTER TABLE orders DROP CONSTRAINT orders_total_cents_check;
ALTER TABLE orders ADD COLUMN total numeric(10,2) NOT NULL DEFAULT 0;
UPDATE orders SET total = total_cents / 100.0;
ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0);
