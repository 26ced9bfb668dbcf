DROP MATERIALIZED VIEW daily_sales;
DROP VIEW order_totals;
DROP VIEW active_customers;

ALTER TYPE order_status RENAME VALUE 'sent' TO 'shipped';
ALTER TABLE bookings RENAME TO reservations;
ALTER TABLE order_items RENAME CONSTRAINT order_items_product_fkey TO order_items_product_fk;
ALTER INDEX orders_open_status_idx RENAME TO orders_status_idx;
ALTER TABLE customers ALTER COLUMN name TYPE varchar(100);
ALTER TABLE orders ALTER COLUMN total TYPE numeric(10,2);
ALTER TABLE orders ALTER COLUMN discount SET DEFAULT -1;
ALTER TABLE orders ALTER COLUMN notes SET DEFAULT 'n/a';
ALTER TABLE orders RENAME COLUMN notes TO note;

CREATE VIEW active_customers AS
    SELECT id, email, name FROM customers WHERE deleted_at IS NULL;
CREATE VIEW order_totals AS
    SELECT o.customer_id, count(*) AS orders, sum(o.total) AS total
    FROM orders o GROUP BY o.customer_id;
CREATE MATERIALIZED VIEW daily_sales AS
    SELECT date_trunc('day', placed_at) AS day, sum(total) AS total
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_sales_day_idx ON daily_sales (day);
