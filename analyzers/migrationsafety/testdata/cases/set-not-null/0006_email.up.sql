-- near-miss: already NOT NULL
ALTER TABLE customers ALTER COLUMN email SET NOT NULL;
