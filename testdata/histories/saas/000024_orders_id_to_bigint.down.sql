ALTER TABLE invoices ALTER COLUMN order_id TYPE integer;
ALTER TABLE order_items ALTER COLUMN order_id TYPE integer;
ALTER SEQUENCE orders_id_seq AS integer;
ALTER TABLE orders ALTER COLUMN id TYPE integer;
