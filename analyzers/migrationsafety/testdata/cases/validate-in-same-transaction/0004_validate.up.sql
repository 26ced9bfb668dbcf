-- near-miss: validated by a later migration
ALTER TABLE orders VALIDATE CONSTRAINT orders_qty_check;
