DROP INDEX audit_events_created_at_idx;
CREATE INDEX audit_events_created_brin ON audit_events USING brin (created_at);
