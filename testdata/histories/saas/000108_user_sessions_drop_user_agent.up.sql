ALTER TABLE user_sessions DROP COLUMN user_agent;
ALTER TABLE user_sessions ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
