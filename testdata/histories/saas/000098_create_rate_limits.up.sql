CREATE UNLOGGED TABLE rate_limits (
    key text PRIMARY KEY,
    tokens integer NOT NULL,
    refilled_at timestamptz NOT NULL DEFAULT now()
);
