-- near-miss: a column added by the same migration
ALTER TABLE customers ADD COLUMN nick text;
ALTER TABLE customers RENAME COLUMN nick TO nickname;
