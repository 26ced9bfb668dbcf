-- near-miss: one table per migration
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN country text;
ALTER TABLE orders ADD COLUMN city text;
