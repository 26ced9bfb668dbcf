DROP INDEX CONCURRENTLY orders_token_idx;
