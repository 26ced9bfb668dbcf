CREATE TABLE a_parent (id bigint PRIMARY KEY);
