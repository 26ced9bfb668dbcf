-- near-miss: the only statement of the file runs outside a transaction
CREATE INDEX CONCURRENTLY orders_qty_idx ON orders (qty);
