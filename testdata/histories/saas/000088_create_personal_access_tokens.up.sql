CREATE TABLE personal_access_tokens (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL,
    name text NOT NULL,
    scopes text[] NOT NULL DEFAULT ARRAY['read']::text[],
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    last_used_at timestamptz
);

CREATE UNIQUE INDEX personal_access_tokens_hash_key ON personal_access_tokens (token_hash);

INSERT INTO personal_access_tokens (id, user_id, token_hash, name, created_at, last_used_at)
SELECT id, user_id, token_hash, coalesce(nullif(label, ''), 'migrated key'), created_at, last_used_at
FROM api_keys
WHERE revoked_at IS NULL;
