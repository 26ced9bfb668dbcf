DROP INDEX CONCURRENTLY orders_account_id_idx;
