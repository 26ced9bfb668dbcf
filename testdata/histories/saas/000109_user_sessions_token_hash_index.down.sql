ALTER TABLE user_sessions DROP COLUMN token_hash;
