COMMENT ON TABLE accounts IS 'Billing entity: one per customer company.';
COMMENT ON TABLE orgs IS 'Organizations inside an account.';
COMMENT ON COLUMN projects.public_id IS 'Identifier exposed in URLs and the API.';
