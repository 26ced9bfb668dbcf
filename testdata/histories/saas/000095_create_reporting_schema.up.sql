CREATE SCHEMA IF NOT EXISTS reporting;

CREATE MATERIALIZED VIEW reporting.daily_orders AS
SELECT date_trunc('day', o.created_at) AS day,
       o.account_id,
       count(*) AS orders,
       sum(o.total_cents) AS total_cents
FROM orders o
GROUP BY 1, 2
WITH NO DATA;

CREATE UNIQUE INDEX daily_orders_day_account_key ON reporting.daily_orders (day, account_id);
