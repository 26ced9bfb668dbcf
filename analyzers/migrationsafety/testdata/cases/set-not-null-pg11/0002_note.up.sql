-- before PostgreSQL 12 the CHECK does not help
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
