CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void');

ALTER TABLE invoices ADD COLUMN status text NOT NULL DEFAULT 'open';
UPDATE invoices SET status = CASE WHEN paid_at IS NOT NULL THEN 'paid' ELSE 'open' END;
