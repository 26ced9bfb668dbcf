SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN region text;
ALTER TABLE customers ADD COLUMN region text;
