-- near-miss: the table is created by the same migration
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint);
CREATE INDEX items_order_idx ON items (order_id);
