ALTER TABLE orders DROP CONSTRAINT orders_coupon_fk;
ALTER TABLE orders DROP COLUMN coupon_id;
ALTER TABLE order_items DROP CONSTRAINT order_items_quantity_check;
ALTER TABLE orders DROP CONSTRAINT orders_discount_check;
