-- near-miss: CONCURRENTLY, alone in its file
DROP INDEX CONCURRENTLY orders_customer_idx;
