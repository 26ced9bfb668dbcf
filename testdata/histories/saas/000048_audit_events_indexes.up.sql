CREATE INDEX audit_events_created_brin ON audit_events USING brin (created_at);
CREATE INDEX audit_events_payload_gin ON audit_events USING gin (payload jsonb_path_ops);
