CREATE INDEX h_events_at_idx ON h_events (at);
