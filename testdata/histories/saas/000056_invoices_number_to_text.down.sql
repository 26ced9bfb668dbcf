ALTER TABLE invoices ALTER COLUMN number TYPE varchar(32);
