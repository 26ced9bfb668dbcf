-- near-miss: DEFAULT NULL changes nothing
ALTER TABLE orders ADD COLUMN comment text DEFAULT NULL;
