ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false;
