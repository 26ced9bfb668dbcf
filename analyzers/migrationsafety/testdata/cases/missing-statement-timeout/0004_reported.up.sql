-- near-miss: set-not-null reports the scan, and its recipe avoids it
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
