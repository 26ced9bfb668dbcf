DROP MATERIALIZED VIEW daily_sales;
DROP VIEW order_totals;
DROP VIEW active_customers;
