CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    invoice_id bigint NOT NULL REFERENCES invoices (id),
    amount_cents bigint NOT NULL CHECK (amount_cents > 0),
    method payment_method NOT NULL,
    external_ref text,
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payments_invoice_id_idx ON payments (invoice_id);
CREATE UNIQUE INDEX payments_external_ref_key ON payments (external_ref) WHERE external_ref IS NOT NULL;
