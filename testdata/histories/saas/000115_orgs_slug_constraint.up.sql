ALTER TABLE orgs ADD CONSTRAINT orgs_account_slug_key UNIQUE USING INDEX orgs_account_slug_idx;
