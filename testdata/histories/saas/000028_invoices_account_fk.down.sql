ALTER TABLE invoices DROP CONSTRAINT invoices_account_id_fkey;
