ALTER TABLE invoices ALTER COLUMN status DROP DEFAULT;
ALTER TABLE invoices ALTER COLUMN status TYPE text USING status::text;
ALTER TABLE invoices ALTER COLUMN status SET DEFAULT 'open';
