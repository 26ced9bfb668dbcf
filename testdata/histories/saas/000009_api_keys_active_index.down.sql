DROP INDEX api_keys_active_user_idx;
