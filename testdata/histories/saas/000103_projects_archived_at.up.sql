ALTER TABLE projects ADD COLUMN archived_at timestamptz;
UPDATE projects SET archived_at = updated_at WHERE archived;
