CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
