CREATE TABLE billing.invoice_lines (
    invoice_id bigint NOT NULL REFERENCES billing.invoices (id),
    position int NOT NULL,
    amount numeric(12,2) NOT NULL,
    PRIMARY KEY (invoice_id, position)
);
