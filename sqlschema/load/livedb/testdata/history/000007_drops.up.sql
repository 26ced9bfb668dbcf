DROP INDEX catalog.products_title_c_idx;
ALTER TABLE catalog.products DROP COLUMN weight_g CASCADE;
ALTER TABLE orders DROP COLUMN tags;
ALTER TABLE orders DROP CONSTRAINT orders_discount_check;
CREATE TABLE scratch (id int);
DROP TABLE scratch;
ALTER TABLE customers ADD COLUMN phone varchar(20) UNIQUE;
ALTER TABLE customers ADD COLUMN score integer NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN ident integer GENERATED ALWAYS AS IDENTITY;
CREATE OR REPLACE VIEW active_customers AS
    SELECT id, email, name, phone FROM customers WHERE deleted_at IS NULL;
CREATE TABLE events_2026 (LIKE events INCLUDING DEFAULTS);
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
