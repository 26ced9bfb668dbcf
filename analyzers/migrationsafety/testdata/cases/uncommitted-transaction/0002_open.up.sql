BEGIN;
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD COLUMN region text;
