CREATE INDEX events_kind_idx ON events (kind, occurred_at);
