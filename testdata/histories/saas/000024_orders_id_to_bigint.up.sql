ALTER TABLE orders ALTER COLUMN id TYPE bigint;
ALTER SEQUENCE orders_id_seq AS bigint;
ALTER TABLE order_items ALTER COLUMN order_id TYPE bigint;
ALTER TABLE invoices ALTER COLUMN order_id TYPE bigint;
