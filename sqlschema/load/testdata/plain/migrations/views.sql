-- No version: applied after the numbered files.
CREATE VIEW billing.invoice_totals AS
    SELECT invoice_id, sum(amount) AS total FROM billing.invoice_lines GROUP BY invoice_id;
