CREATE VIEW active_customers AS
    SELECT id, email, name FROM customers WHERE deleted_at IS NULL;

CREATE VIEW order_totals AS
    SELECT o.customer_id, count(*) AS orders, sum(o.total) AS total
    FROM orders o GROUP BY o.customer_id;

CREATE MATERIALIZED VIEW daily_sales AS
    SELECT date_trunc('day', placed_at) AS day, sum(total) AS total
    FROM orders GROUP BY 1;

CREATE UNIQUE INDEX daily_sales_day_idx ON daily_sales (day);
