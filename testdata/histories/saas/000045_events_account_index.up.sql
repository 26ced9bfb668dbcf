CREATE INDEX events_account_occurred_idx ON events (account_id, occurred_at DESC);
