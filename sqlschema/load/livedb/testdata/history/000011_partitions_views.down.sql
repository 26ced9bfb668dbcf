DROP MATERIALIZED VIEW invoice_counts;
DROP VIEW client_names_short;
DROP VIEW client_names;
ALTER TABLE events ATTACH PARTITION events_default DEFAULT;
DROP TABLE accounting.ledger;
