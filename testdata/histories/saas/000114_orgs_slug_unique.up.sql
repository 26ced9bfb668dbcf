CREATE UNIQUE INDEX CONCURRENTLY orgs_account_slug_idx ON orgs (account_id, slug);
