ALTER TABLE account_members ADD COLUMN invited_by bigint REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX account_members_invited_by_idx ON account_members (invited_by) WHERE invited_by IS NOT NULL;
