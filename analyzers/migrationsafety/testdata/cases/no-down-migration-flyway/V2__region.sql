-- near-miss: flyway has no down scripts
ALTER TABLE orders ADD COLUMN region text;
