DROP INDEX projects_account_id_idx;
