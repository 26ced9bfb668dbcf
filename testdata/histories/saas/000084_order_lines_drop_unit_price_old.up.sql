ALTER TABLE order_lines DROP COLUMN unit_price_old;
