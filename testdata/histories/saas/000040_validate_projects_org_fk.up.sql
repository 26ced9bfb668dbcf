ALTER TABLE projects VALIDATE CONSTRAINT projects_org_id_fkey;
