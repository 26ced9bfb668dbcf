-- +goose NO TRANSACTION
-- +goose Up
SET lock_timeout = '3s';
CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz);
ALTER TABLE orders ADD COLUMN billing_email text, DROP COLUMN note;
DROP INDEX orders_note_idx;
DROP TABLE legacy;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status <> '') NOT VALID;
ALTER TABLE orders RENAME COLUMN billing_email TO invoice_email;
CREATE INDEX CONCURRENTLY orders_email_idx ON orders (invoice_email);

-- +goose Down
DROP INDEX CONCURRENTLY orders_email_idx;
ALTER TABLE orders RENAME COLUMN invoice_email TO billing_email;
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
CREATE TABLE legacy (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN note text;
CREATE INDEX orders_note_idx ON orders (note);
ALTER TABLE orders DROP COLUMN billing_email;
DROP TABLE audit;
