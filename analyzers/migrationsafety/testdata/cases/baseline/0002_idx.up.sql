-- near-miss: already applied in production (baseline 2)
CREATE INDEX orders_status_idx ON orders (status);
