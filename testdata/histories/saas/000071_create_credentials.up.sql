CREATE TABLE credentials (
    user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    password_hash text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO credentials (user_id, password_hash)
SELECT id, password_hash FROM users WHERE password_hash IS NOT NULL;
