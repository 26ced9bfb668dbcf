CREATE SCHEMA archive;
CREATE TABLE archive.accounts (id bigint PRIMARY KEY);
