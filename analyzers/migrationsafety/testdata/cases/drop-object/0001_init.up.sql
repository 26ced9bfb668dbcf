CREATE TABLE orders (id bigint PRIMARY KEY, status text);
CREATE VIEW open_orders AS SELECT id FROM orders WHERE status = 'open';
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE SEQUENCE invoice_no;
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM orders';
