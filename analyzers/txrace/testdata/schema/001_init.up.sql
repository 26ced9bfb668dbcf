CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner text NOT NULL,
    balance bigint NOT NULL DEFAULT 0,
    version int NOT NULL DEFAULT 0,
    tags text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    username text NOT NULL,
    tenant_id bigint NOT NULL,
    name text
);
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email)) WHERE tenant_id > 0;

CREATE TABLE subscriptions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL,
    plan text NOT NULL
);
CREATE INDEX subscriptions_user_id_idx ON subscriptions (user_id);

CREATE TABLE transfers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    amount bigint NOT NULL
);
