DROP VIEW account_revenue;
CREATE VIEW account_revenue AS
SELECT i.account_id,
       count(*) AS invoice_count,
       sum(i.amount) AS invoiced
FROM invoices i
GROUP BY i.account_id;
