ALTER TABLE projects DROP COLUMN public_id;
