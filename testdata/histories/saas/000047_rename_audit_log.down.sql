ALTER SEQUENCE audit_events_id_seq RENAME TO audit_log_id_seq;
ALTER TABLE audit_events RENAME CONSTRAINT audit_events_pkey TO audit_log_pkey;
ALTER INDEX audit_events_account_created_idx RENAME TO audit_log_account_id_idx;
ALTER TABLE audit_events RENAME COLUMN actor_user_id TO actor_id;
ALTER TABLE audit_events RENAME TO audit_log;
