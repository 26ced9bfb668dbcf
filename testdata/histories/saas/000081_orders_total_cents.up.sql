ALTER TABLE orders ADD COLUMN total_cents bigint NOT NULL DEFAULT 0;
UPDATE orders SET total_cents = (total * 100)::bigint;
