ALTER TABLE audit_log RENAME TO audit_events;
ALTER TABLE audit_events RENAME COLUMN actor_id TO actor_user_id;
ALTER INDEX audit_log_account_id_idx RENAME TO audit_events_account_created_idx;
ALTER TABLE audit_events RENAME CONSTRAINT audit_log_pkey TO audit_events_pkey;
ALTER SEQUENCE audit_log_id_seq RENAME TO audit_events_id_seq;
