ALTER TABLE orders ADD COLUMN country text;
