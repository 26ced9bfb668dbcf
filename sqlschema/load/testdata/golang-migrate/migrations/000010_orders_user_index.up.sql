-- One statement alone is not in a transaction block, so CONCURRENTLY works.
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id) WHERE status <> 'shipped';
