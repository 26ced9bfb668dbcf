ALTER TABLE account_members DROP COLUMN invited_by;
