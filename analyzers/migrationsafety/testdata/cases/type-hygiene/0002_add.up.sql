ALTER TABLE users ADD COLUMN country character(2), ADD COLUMN seen_at timestamp(3), ADD COLUMN tags json[];
