DROP INDEX audit_events_payload_gin;
DROP INDEX audit_events_created_brin;
