-- near-misses: no default to drop, and a column this migration adds
ALTER TABLE line_items ALTER COLUMN note DROP DEFAULT;
ALTER TABLE line_items ADD COLUMN sku text DEFAULT 'none';
ALTER TABLE line_items ALTER COLUMN sku DROP DEFAULT;
