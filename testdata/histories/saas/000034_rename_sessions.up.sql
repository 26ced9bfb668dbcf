ALTER TABLE sessions RENAME TO user_sessions;
ALTER INDEX sessions_user_id_idx RENAME TO user_sessions_user_id_idx;
ALTER INDEX sessions_expires_at_idx RENAME TO user_sessions_expires_at_idx;
