DROP INDEX CONCURRENTLY IF EXISTS orders_account_created_idx;
