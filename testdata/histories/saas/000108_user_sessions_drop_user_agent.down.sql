ALTER TABLE user_sessions DROP COLUMN created_at;
ALTER TABLE user_sessions ADD COLUMN user_agent text;
