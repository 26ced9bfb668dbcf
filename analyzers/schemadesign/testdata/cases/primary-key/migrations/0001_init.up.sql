CREATE TABLE events (
    happened_at timestamptz NOT NULL,
    payload jsonb
);

CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);

CREATE TABLE user_roles (user_id bigint NOT NULL REFERENCES users (id), role text NOT NULL);

CREATE TABLE settings (key text NOT NULL, value text);
CREATE UNIQUE INDEX settings_key_idx ON settings (key);

CREATE TABLE tags (name text NOT NULL UNIQUE);

CREATE TABLE audit_log (at timestamptz NOT NULL, line text) PARTITION BY RANGE (at);
CREATE TABLE audit_log_2025 PARTITION OF audit_log FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE measurements (id bigint NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- dblint:ignore table-without-primary-key append-only staging table, truncated after each import
CREATE TABLE import_rows (line text);

CREATE TABLE later (id bigint NOT NULL, body text);
