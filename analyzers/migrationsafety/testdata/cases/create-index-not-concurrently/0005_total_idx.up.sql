-- near-miss: CONCURRENTLY, alone in its file
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
