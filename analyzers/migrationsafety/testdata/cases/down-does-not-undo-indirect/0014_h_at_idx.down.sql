DROP INDEX h_events_at_idx;
