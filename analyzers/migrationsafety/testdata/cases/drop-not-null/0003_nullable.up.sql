-- near-misses: already nullable; a column of the same migration
ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;
ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false;
ALTER TABLE orders ALTER COLUMN flag DROP NOT NULL;
