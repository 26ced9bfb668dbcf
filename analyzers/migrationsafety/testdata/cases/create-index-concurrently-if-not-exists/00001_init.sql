-- +goose Up
CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    status varchar(20),
    note varchar(100),
    total numeric(10,2),
    qty integer,
    placed_at timestamp,
    ip cidr
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
