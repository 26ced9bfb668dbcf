CREATE TABLE p_parent (id bigint PRIMARY KEY);
