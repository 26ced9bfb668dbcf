-- near-misses: a table of the same migration, and IF EXISTS of one never created
CREATE TABLE scratch (id int);
DROP TABLE scratch;
DROP TABLE IF EXISTS legacy;
