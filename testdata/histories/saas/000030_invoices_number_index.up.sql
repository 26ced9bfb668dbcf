CREATE UNIQUE INDEX CONCURRENTLY invoices_account_number_idx ON invoices (account_id, number);
