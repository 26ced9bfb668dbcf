CREATE UNIQUE INDEX CONCURRENTLY projects_public_id_key ON projects (public_id);
