ALTER TABLE orgs DROP CONSTRAINT orgs_account_slug_key;
CREATE UNIQUE INDEX orgs_account_slug_idx ON orgs (account_id, slug);
