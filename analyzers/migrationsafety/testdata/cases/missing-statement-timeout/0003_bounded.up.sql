-- near-miss: a statement_timeout bounds the scan
SET lock_timeout = '5s';
SET statement_timeout = '1min';
-- dblint:ignore set-not-null customers is small
ALTER TABLE customers ALTER COLUMN email SET NOT NULL;
