SET lock_timeout TO 0;
ALTER TABLE orders ADD COLUMN country text;
