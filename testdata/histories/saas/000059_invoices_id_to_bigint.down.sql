ALTER TABLE invoice_lines ALTER COLUMN invoice_id TYPE integer;
ALTER SEQUENCE invoices_id_seq AS integer;
ALTER TABLE invoices ALTER COLUMN id TYPE integer;
