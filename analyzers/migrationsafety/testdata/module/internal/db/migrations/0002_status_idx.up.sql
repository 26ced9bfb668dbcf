-- an index on a live table
CREATE INDEX orders_status_idx ON orders (status);
