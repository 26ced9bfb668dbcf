ALTER TABLE audit_events ALTER COLUMN action TYPE text;
