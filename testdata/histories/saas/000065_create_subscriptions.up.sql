CREATE TABLE subscriptions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan_id text NOT NULL REFERENCES plans (id),
    status subscription_status NOT NULL DEFAULT 'trialing',
    started_at timestamptz NOT NULL DEFAULT now(),
    canceled_at timestamptz,
    CONSTRAINT subscriptions_canceled_check CHECK (canceled_at IS NULL OR canceled_at >= started_at)
);

CREATE UNIQUE INDEX subscriptions_one_live_per_account ON subscriptions (account_id) WHERE status <> 'canceled';
