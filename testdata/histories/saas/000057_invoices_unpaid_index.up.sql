CREATE INDEX CONCURRENTLY invoices_unpaid_due_idx ON invoices (due_on) WHERE paid_at IS NULL;
