CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint NOT NULL, sku text);
ALTER TABLE items ADD CONSTRAINT items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id);
-- a partial index does not serve every lookup
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
CREATE INDEX refunds_open_idx ON refunds (order_id) WHERE id > 0;
-- an index on (carrier, order_id) does not lead with order_id
CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), carrier text);
CREATE INDEX shipments_carrier_order_idx ON shipments (carrier, order_id);
-- near-miss: indexed by a later migration
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
-- dblint:ignore fk-without-index notes are only ever read with their order
CREATE TABLE order_notes (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
