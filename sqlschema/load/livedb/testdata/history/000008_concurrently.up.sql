CREATE INDEX CONCURRENTLY orders_token_idx ON orders USING hash (token);
