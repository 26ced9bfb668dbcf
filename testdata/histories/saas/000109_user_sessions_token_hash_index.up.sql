ALTER TABLE user_sessions ADD COLUMN token_hash bytea;
CREATE INDEX user_sessions_token_hash_idx ON user_sessions USING hash (token_hash);
