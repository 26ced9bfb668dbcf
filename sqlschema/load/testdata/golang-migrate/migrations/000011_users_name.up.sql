ALTER TABLE users ADD COLUMN name varchar(120);
ALTER TABLE users ALTER COLUMN name TYPE text;
