CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    name varchar(200) NOT NULL,
    slug varchar(100) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_slug_key UNIQUE (slug)
);
