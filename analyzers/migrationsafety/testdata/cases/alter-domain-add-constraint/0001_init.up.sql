CREATE DOMAIN email AS text;
CREATE DOMAIN code AS text;
CREATE TABLE customers (id bigint PRIMARY KEY, contact email);
CREATE TABLE suppliers (id bigint PRIMARY KEY, contact email);
