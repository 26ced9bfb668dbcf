SET lock_timeout = '5s';
-- dblint:ignore set-not-null orders is small and the team accepts a short scan
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
