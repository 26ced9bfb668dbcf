-- near-miss: a schema of the same migration
CREATE SCHEMA staging;
DROP SCHEMA staging;
