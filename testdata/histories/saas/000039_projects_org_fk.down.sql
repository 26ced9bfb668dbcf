ALTER TABLE projects DROP CONSTRAINT projects_org_id_fkey;
