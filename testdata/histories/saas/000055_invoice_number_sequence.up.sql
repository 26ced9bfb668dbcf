CREATE SEQUENCE invoice_number_seq START WITH 1000;
ALTER TABLE invoices ALTER COLUMN number SET DEFAULT ('INV-' || nextval('invoice_number_seq'));
