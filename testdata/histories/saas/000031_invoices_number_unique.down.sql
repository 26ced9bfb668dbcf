ALTER TABLE invoices DROP CONSTRAINT invoices_account_number_key;
CREATE UNIQUE INDEX invoices_account_number_idx ON invoices (account_id, number);
