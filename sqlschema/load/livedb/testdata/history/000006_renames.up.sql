-- Views depend on the columns whose types change: drop and recreate them.
DROP MATERIALIZED VIEW daily_sales;
DROP VIEW order_totals;
DROP VIEW active_customers;

ALTER TABLE orders RENAME COLUMN note TO notes;
ALTER TABLE orders ALTER COLUMN notes SET DEFAULT '';
ALTER TABLE orders ALTER COLUMN discount DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
ALTER TABLE customers ALTER COLUMN name TYPE varchar(200);
ALTER TABLE customers ALTER COLUMN deleted_at SET NOT NULL;
ALTER TABLE customers ALTER COLUMN deleted_at DROP NOT NULL;
ALTER INDEX orders_status_idx RENAME TO orders_open_status_idx;
ALTER TABLE order_items RENAME CONSTRAINT order_items_product_fk TO order_items_product_fkey;
ALTER TABLE reservations RENAME TO bookings;
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';

CREATE VIEW active_customers AS
    SELECT id, email, name FROM customers WHERE deleted_at IS NULL;
CREATE VIEW order_totals AS
    SELECT o.customer_id, count(*) AS orders, sum(o.total) AS total
    FROM orders o GROUP BY o.customer_id;
CREATE MATERIALIZED VIEW daily_sales AS
    SELECT date_trunc('day', placed_at) AS day, sum(total) AS total
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX daily_sales_day_idx ON daily_sales (day);
