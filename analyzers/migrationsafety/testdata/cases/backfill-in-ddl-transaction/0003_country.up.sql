-- near-miss: the backfill has its own migration
ALTER TABLE orders ADD COLUMN country text;
