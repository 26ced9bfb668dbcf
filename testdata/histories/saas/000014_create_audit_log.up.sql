CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL,
    actor_id integer,
    action varchar(64) NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_account_id_idx ON audit_log (account_id, created_at);
