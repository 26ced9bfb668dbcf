ALTER TABLE invoices ALTER COLUMN number DROP DEFAULT;
DROP SEQUENCE invoice_number_seq;
