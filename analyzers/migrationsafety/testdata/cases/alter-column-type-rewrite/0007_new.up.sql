-- near-miss: new table
CREATE TABLE counters (n int);
ALTER TABLE counters ALTER COLUMN n TYPE bigint;
