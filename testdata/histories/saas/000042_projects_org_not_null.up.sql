ALTER TABLE projects ADD CONSTRAINT projects_org_id_not_null CHECK (org_id IS NOT NULL) NOT VALID;
ALTER TABLE projects VALIDATE CONSTRAINT projects_org_id_not_null;
ALTER TABLE projects ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE projects DROP CONSTRAINT projects_org_id_not_null;
