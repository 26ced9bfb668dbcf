ALTER TABLE invoices
    ADD CONSTRAINT invoices_account_number_key UNIQUE USING INDEX invoices_account_number_idx;
