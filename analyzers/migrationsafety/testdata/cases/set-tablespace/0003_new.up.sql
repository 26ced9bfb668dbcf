-- near-miss: new table
CREATE TABLE archive (id bigint);
ALTER TABLE archive SET TABLESPACE slow_hdd;
