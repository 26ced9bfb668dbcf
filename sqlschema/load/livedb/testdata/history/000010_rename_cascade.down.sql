DROP TABLE notes_copy;
DROP TABLE notes;
ALTER TABLE clients RENAME COLUMN client_id TO id;
ALTER TABLE clients RENAME TO customers;
ALTER SCHEMA accounting RENAME TO billing;
ALTER TYPE billing.money_unit RENAME TO currency;
ALTER TABLE billing.invoices RENAME COLUMN cur TO currency;
ALTER TABLE billing.invoices RENAME COLUMN settled TO paid;
ALTER TABLE billing.invoices RENAME COLUMN title TO label;
