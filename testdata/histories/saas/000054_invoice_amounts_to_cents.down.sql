DROP VIEW account_revenue;

ALTER TABLE invoices ADD COLUMN amount numeric(10,2);
UPDATE invoices SET amount = amount_cents / 100.0;
ALTER TABLE invoices ALTER COLUMN amount SET NOT NULL;
ALTER TABLE invoices DROP COLUMN amount_cents;

CREATE VIEW account_revenue AS
SELECT i.account_id,
       count(*) AS invoice_count,
       sum(i.amount) AS invoiced,
       sum(i.amount) FILTER (WHERE i.paid_at IS NOT NULL) AS paid
FROM invoices i
GROUP BY i.account_id;
