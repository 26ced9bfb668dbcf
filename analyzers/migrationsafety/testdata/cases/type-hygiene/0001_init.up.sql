CREATE TABLE accounts (
    id serial PRIMARY KEY,
    code char(3),
    payload json,
    created_at timestamp,
    -- near-misses
    name text,
    settings jsonb,
    updated_at timestamptz
);
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id int REFERENCES accounts (id),
    manager_id int,
    FOREIGN KEY (manager_id) REFERENCES users (id)
);
