ALTER TABLE projects ALTER COLUMN name TYPE text;
ALTER TABLE projects ADD CONSTRAINT projects_name_length CHECK (char_length(name) BETWEEN 1 AND 200);
