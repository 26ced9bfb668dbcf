DROP INDEX CONCURRENTLY IF EXISTS invoices_account_number_idx;
