CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
CREATE TABLE categories (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE statuses (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE people (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    status_id int NOT NULL,
    person_id bigint,
    category_id bigint,
    external_id text
);
CREATE TABLE order_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    quantity int NOT NULL
);
CREATE TABLE posts (
    id bigint PRIMARY KEY,
    category_id int NOT NULL,
    customer_id bigint NOT NULL
);
CREATE TABLE account (account_id bigint PRIMARY KEY, name text);
