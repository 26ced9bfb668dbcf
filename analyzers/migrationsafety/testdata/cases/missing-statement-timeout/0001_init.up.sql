CREATE TABLE orders (id bigint PRIMARY KEY, status text, total numeric);
CREATE TABLE customers (id bigint PRIMARY KEY, email text);
