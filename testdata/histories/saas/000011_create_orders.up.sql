CREATE TABLE orders (
    id serial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    status varchar(20) NOT NULL DEFAULT 'pending',
    total numeric(10,2) NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX orders_account_id_idx ON orders (account_id);
