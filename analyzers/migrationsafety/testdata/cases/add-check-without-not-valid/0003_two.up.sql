ALTER TABLE orders
    ADD CONSTRAINT orders_qty_check CHECK (qty > 0),
    ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid')) NOT VALID;
