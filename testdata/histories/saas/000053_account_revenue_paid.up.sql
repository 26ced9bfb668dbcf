CREATE OR REPLACE VIEW account_revenue AS
SELECT i.account_id,
       count(*) AS invoice_count,
       sum(i.amount) AS invoiced,
       sum(i.amount) FILTER (WHERE i.paid_at IS NOT NULL) AS paid
FROM invoices i
GROUP BY i.account_id;
