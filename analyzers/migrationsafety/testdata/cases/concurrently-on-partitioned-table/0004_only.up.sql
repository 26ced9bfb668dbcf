-- near-miss: ON ONLY the parent builds nothing
CREATE INDEX events_id_idx ON ONLY events (id);
