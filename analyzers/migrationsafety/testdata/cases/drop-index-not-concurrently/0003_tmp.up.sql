-- near-miss: index of a table created by the same migration
CREATE TABLE tmp (id bigint);
CREATE INDEX tmp_idx ON tmp (id);
DROP INDEX tmp_idx;
