CREATE TABLE scratch (id bigint);
VACUUM (FULL) scratch;
