-- near-miss: a column added by the same migration
ALTER TABLE orders ADD COLUMN tmp text;
ALTER TABLE orders DROP COLUMN tmp;
