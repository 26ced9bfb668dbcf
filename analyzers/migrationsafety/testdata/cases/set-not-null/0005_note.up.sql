-- near-miss: a validated CHECK (note IS NOT NULL) proves it
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
