-- near-miss: milliseconds
SET lock_timeout = 10000;
ALTER TABLE orders ADD COLUMN zip text;
