ALTER INDEX user_sessions_expires_at_idx RENAME TO sessions_expires_at_idx;
ALTER INDEX user_sessions_user_id_idx RENAME TO sessions_user_id_idx;
ALTER TABLE user_sessions RENAME TO sessions;
