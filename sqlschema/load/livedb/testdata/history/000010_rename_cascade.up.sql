-- Renames that PostgreSQL follows everywhere the column or type is used.
ALTER TABLE billing.invoices RENAME COLUMN label TO title;
ALTER TABLE billing.invoices RENAME COLUMN paid TO settled;
ALTER TABLE billing.invoices RENAME COLUMN currency TO cur;
ALTER TYPE billing.currency RENAME TO money_unit;
ALTER SCHEMA billing RENAME TO accounting;
ALTER TABLE customers RENAME TO clients;
ALTER TABLE clients RENAME COLUMN id TO client_id;

CREATE TABLE notes (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10) PRIMARY KEY,
    a integer, b integer,
    body text NOT NULL,
    UNIQUE (a, b),
    CHECK (a < b),
    CHECK (a > 0)
);
ALTER TABLE notes ADD CHECK (b < 1000);
CREATE TABLE notes_copy (LIKE notes INCLUDING ALL);
ALTER TABLE notes ALTER COLUMN body TYPE varchar(500) USING left(body, 500);
ALTER TABLE notes DROP COLUMN a;
