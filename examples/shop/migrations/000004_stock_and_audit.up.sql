SET lock_timeout = '5s';
ALTER TABLE products ADD COLUMN stock integer NOT NULL DEFAULT 0;

CREATE TABLE audit_log (
    at            timestamptz NOT NULL DEFAULT now(),
    action        text NOT NULL,
    refund_amount double precision
);
