DROP VIEW account_revenue;

ALTER TABLE invoices ADD COLUMN amount_cents bigint;
UPDATE invoices SET amount_cents = (amount * 100)::bigint;
ALTER TABLE invoices ALTER COLUMN amount_cents SET NOT NULL;
ALTER TABLE invoices DROP COLUMN amount;

CREATE VIEW account_revenue AS
SELECT i.account_id,
       count(*) AS invoice_count,
       sum(i.amount_cents) AS invoiced_cents,
       sum(i.amount_cents) FILTER (WHERE i.paid_at IS NOT NULL) AS paid_cents
FROM invoices i
GROUP BY i.account_id;
