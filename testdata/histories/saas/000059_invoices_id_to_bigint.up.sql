ALTER TABLE invoices ALTER COLUMN id TYPE bigint;
ALTER SEQUENCE invoices_id_seq AS bigint;
ALTER TABLE invoice_lines ALTER COLUMN invoice_id TYPE bigint;
