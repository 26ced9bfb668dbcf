ALTER TABLE orders ALTER COLUMN status TYPE text USING lower(status);
