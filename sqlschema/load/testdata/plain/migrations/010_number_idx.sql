CREATE UNIQUE INDEX invoices_number_key ON billing.invoices (number);
