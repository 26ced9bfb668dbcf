-- near-miss: new table
CREATE TABLE regions (name text);
ALTER TABLE regions ADD COLUMN code text;
