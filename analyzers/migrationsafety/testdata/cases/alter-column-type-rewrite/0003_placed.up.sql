-- timestamp to timestamptz rewrites unless the session time zone is UTC
ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamptz;
