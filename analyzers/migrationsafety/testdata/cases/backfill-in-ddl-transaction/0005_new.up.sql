-- near-miss: DDL on a new table only
CREATE TABLE regions (name text);
ALTER TABLE regions ADD COLUMN code text;
DELETE FROM orders WHERE status = 'void';
