DROP INDEX CONCURRENTLY IF EXISTS projects_org_active_idx;
