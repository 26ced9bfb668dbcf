CREATE TABLE c_parent (id bigint PRIMARY KEY);
