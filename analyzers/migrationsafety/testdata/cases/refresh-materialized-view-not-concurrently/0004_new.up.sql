-- near-miss: a view of the same migration
CREATE MATERIALIZED VIEW customer_count AS SELECT count(*) AS n FROM customers;
REFRESH MATERIALIZED VIEW customer_count;
