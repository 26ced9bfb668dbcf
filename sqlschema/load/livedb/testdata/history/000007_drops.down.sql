ALTER TABLE events DETACH PARTITION events_2026;
DROP TABLE events_2026;
DROP VIEW active_customers;
ALTER TABLE customers DROP COLUMN ident;
ALTER TABLE customers DROP COLUMN score;
ALTER TABLE customers DROP COLUMN phone;
CREATE VIEW active_customers AS
    SELECT id, email, name FROM customers WHERE deleted_at IS NULL;
ALTER TABLE orders ADD CONSTRAINT orders_discount_check CHECK (discount BETWEEN -1 AND 100) NOT VALID;
ALTER TABLE orders ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE catalog.products ADD COLUMN weight_g integer;
ALTER TABLE catalog.products ADD COLUMN volume integer GENERATED ALWAYS AS (weight_g * 2) STORED;
CREATE INDEX products_title_c_idx ON catalog.products (title COLLATE "C" DESC NULLS LAST);
