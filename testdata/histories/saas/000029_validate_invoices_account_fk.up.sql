ALTER TABLE invoices VALIDATE CONSTRAINT invoices_account_id_fkey;
