CREATE SCHEMA billing;

CREATE TABLE billing.invoices (
    id bigserial PRIMARY KEY,
    number text NOT NULL,
    issued_on date NOT NULL DEFAULT CURRENT_DATE
);
