ALTER TABLE invoices ALTER COLUMN status DROP DEFAULT;
ALTER TABLE invoices ALTER COLUMN status TYPE invoice_status USING status::invoice_status;
ALTER TABLE invoices ALTER COLUMN status SET DEFAULT 'draft';
