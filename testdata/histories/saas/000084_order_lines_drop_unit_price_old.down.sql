ALTER TABLE order_lines ADD COLUMN unit_price_old numeric(10,2);
UPDATE order_lines SET unit_price_old = unit_cents / 100.0;
ALTER TABLE order_lines ALTER COLUMN unit_price_old SET NOT NULL;
