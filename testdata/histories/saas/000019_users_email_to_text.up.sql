ALTER TABLE users ALTER COLUMN email TYPE text;
ALTER TABLE users ALTER COLUMN display_name TYPE text;
