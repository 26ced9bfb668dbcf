-- near-miss: lock_timeout set first
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN city text;
