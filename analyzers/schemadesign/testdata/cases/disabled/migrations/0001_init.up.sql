CREATE TABLE products (id bigint PRIMARY KEY, price double precision NOT NULL, customer_id bigint);
CREATE TABLE customers (id bigint PRIMARY KEY);
GRANT ALL ON products TO app;
