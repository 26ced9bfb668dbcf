-- dblint:ignore drop-table left over from an old version
CREATE INDEX CONCURRENTLY orders_qty_idx ON orders (qty);
