SET search_path = accounting, public;
CREATE TABLE ledger (
    id bigint NOT NULL,
    booked_on date NOT NULL,
    amount numeric NOT NULL
) PARTITION BY RANGE (booked_on);
CREATE TABLE ledger_2024 PARTITION OF ledger FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX ledger_booked_idx ON ONLY ledger (booked_on);
CREATE INDEX ledger_2024_booked_idx ON ledger_2024 (booked_on);
ALTER INDEX ledger_booked_idx ATTACH PARTITION ledger_2024_booked_idx;
RESET search_path;

ALTER TABLE events DETACH PARTITION events_default;

CREATE VIEW client_names (cid, display) AS SELECT client_id, upper(name) FROM clients;
CREATE VIEW client_names_short AS SELECT cid FROM client_names WHERE length(display) < 10;
ALTER VIEW client_names RENAME COLUMN display TO shown;
CREATE MATERIALIZED VIEW invoice_counts AS
    SELECT customer_id, count(*) AS n FROM accounting.invoices GROUP BY customer_id WITH NO DATA;
