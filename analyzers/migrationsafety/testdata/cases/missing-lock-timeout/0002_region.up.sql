ALTER TABLE orders ADD COLUMN region text;
ALTER TABLE orders ADD COLUMN country text;
