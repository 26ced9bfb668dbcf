ALTER TABLE customers ADD COLUMN country text;
