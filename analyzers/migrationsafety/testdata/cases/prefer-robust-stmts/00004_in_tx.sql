-- +goose Up
-- near-miss: goose runs it in a transaction, so a failure undoes it all
CREATE TABLE invoices (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN invoice_id bigint;

-- +goose Down
ALTER TABLE orders DROP COLUMN invoice_id;
DROP TABLE invoices;
