CREATE INDEX projects_account_id_idx ON projects (account_id);
