ALTER TABLE projects ADD COLUMN org_id bigint;
