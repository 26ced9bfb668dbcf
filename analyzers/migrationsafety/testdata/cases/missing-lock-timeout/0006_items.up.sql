-- the new table is empty, but its foreign key locks "orders"
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
