SET lock_timeout = '1min';
ALTER TABLE orders ADD COLUMN region text;
