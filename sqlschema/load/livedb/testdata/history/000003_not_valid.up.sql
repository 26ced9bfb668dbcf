ALTER TABLE orders ADD CONSTRAINT orders_discount_check CHECK (discount BETWEEN -1 AND 100) NOT VALID;
ALTER TABLE order_items ADD CONSTRAINT order_items_quantity_check CHECK (quantity > 0) NOT VALID;
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_quantity_check;
ALTER TABLE orders ADD COLUMN coupon_id bigint;
ALTER TABLE orders ADD CONSTRAINT orders_coupon_fk FOREIGN KEY (coupon_id) REFERENCES customers (id) NOT VALID;
ALTER TYPE order_status ADD VALUE 'cancelled';
ALTER TYPE order_status ADD VALUE 'refunded' BEFORE 'shipped';
