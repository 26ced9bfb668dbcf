CREATE INDEX CONCURRENTLY projects_org_active_idx ON projects (org_id, created_at DESC) INCLUDE (name) WHERE archived_at IS NULL;
