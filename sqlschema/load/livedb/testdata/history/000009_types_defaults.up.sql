CREATE SCHEMA billing;
CREATE TYPE billing.currency AS ENUM ('usd', 'eur');
CREATE DOMAIN billing.amount AS numeric(12,2) NOT NULL DEFAULT 0 CHECK (VALUE >= 0);

CREATE TABLE billing.invoices (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL,
    currency billing.currency NOT NULL DEFAULT 'usd',
    currencies billing.currency[] DEFAULT ARRAY['usd']::billing.currency[],
    amount billing.amount,
    code char,
    label varchar,
    ratio double precision DEFAULT 1.5,
    due interval DEFAULT '30 days',
    due_on date DEFAULT (now() + interval '30 days')::date,
    paid boolean NOT NULL DEFAULT 'f',
    flags smallint[] NOT NULL DEFAULT '{}',
    sent_at timestamptz(3),
    note varchar(50) DEFAULT 'none'::character varying,
    bits bit(4) DEFAULT B'0000',
    CONSTRAINT invoices_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id),
    CHECK (ratio > 0 AND ratio <> 2),
    CHECK (char_length(label) <= 10),
    CHECK (code ~ '^[A-Z]$'),
    CHECK (NOT (paid AND sent_at IS NULL)),
    CHECK (label IS DISTINCT FROM note),
    CHECK (COALESCE(ratio, 0) >= 0)
);

CREATE INDEX ON billing.invoices (customer_id);
CREATE INDEX ON billing.invoices (lower(label));
CREATE INDEX ON billing.invoices (lower(label));
CREATE INDEX ON billing.invoices (date_trunc('day', sent_at AT TIME ZONE 'UTC'));
CREATE INDEX ON billing.invoices ((label || note));
CREATE INDEX invoices_unpaid_idx ON billing.invoices (due_on) WHERE NOT paid;
CREATE INDEX invoices_eur_idx ON billing.invoices (amount) WHERE currency IN ('eur') AND amount > 100;
CREATE UNIQUE INDEX invoices_label_uidx ON billing.invoices (label);
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_label_key UNIQUE USING INDEX invoices_label_uidx;
