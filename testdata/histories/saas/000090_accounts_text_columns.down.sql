ALTER TABLE accounts ALTER COLUMN slug TYPE varchar(100);
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(200);
