DROP INDEX CONCURRENTLY IF EXISTS invoices_unpaid_due_idx;
