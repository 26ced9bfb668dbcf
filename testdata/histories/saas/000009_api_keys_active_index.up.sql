CREATE INDEX api_keys_active_user_idx ON api_keys (user_id) WHERE revoked_at IS NULL;
