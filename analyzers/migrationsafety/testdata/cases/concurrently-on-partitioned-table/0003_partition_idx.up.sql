-- near-miss: a partition is a plain table
CREATE INDEX CONCURRENTLY events_2023_created_idx ON events_2023 (created_at);
