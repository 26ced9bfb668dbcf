ALTER TABLE projects DROP COLUMN org_id;
