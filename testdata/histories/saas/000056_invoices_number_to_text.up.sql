ALTER TABLE invoices ALTER COLUMN number TYPE text;
