ALTER TABLE invoices SET SCHEMA accounting;
ALTER TABLE accounting.invoices ADD CONSTRAINT invoices_check CHECK (NOT (settled AND sent_at IS NULL));
DROP INDEX orders_open_status_idx;
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'refunded', 'sent', 'cancelled');
ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';
CREATE INDEX orders_open_status_idx ON orders (status) WHERE status IN ('pending', 'paid');
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at DESC);
-- The column comes back last: the down cannot restore the column order.
ALTER TABLE order_items ADD COLUMN vendor_id integer NOT NULL DEFAULT 0;
ALTER TABLE order_items ALTER COLUMN vendor_id DROP DEFAULT;
ALTER TABLE order_items ADD CONSTRAINT order_items_pkey PRIMARY KEY (order_id, vendor_id, sku);
ALTER TABLE order_items ADD CONSTRAINT order_items_product_fkey FOREIGN KEY (vendor_id, sku) REFERENCES catalog.products (vendor_id, sku) ON UPDATE CASCADE;
