ALTER TABLE projects DROP CONSTRAINT projects_name_length;
ALTER TABLE projects ALTER COLUMN name TYPE varchar(120);
