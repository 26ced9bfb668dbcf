-- near-miss
CREATE TABLE t (id bigint);
