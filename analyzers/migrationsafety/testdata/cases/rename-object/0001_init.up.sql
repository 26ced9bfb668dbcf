CREATE SCHEMA billing;
CREATE TABLE orders (id bigint PRIMARY KEY, status text);
CREATE VIEW open_orders AS SELECT id FROM orders WHERE status = 'open';
CREATE TYPE mood AS ENUM ('ok', 'sad');
