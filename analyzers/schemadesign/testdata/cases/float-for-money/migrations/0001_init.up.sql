CREATE TABLE products (
    id bigint PRIMARY KEY,
    price double precision NOT NULL,
    unit_price real,
    weight double precision,
    tax_rate double precision,
    list_price numeric(12,2),
    amount_cents bigint,
    total_cents float8,
    fee float
);
CREATE TABLE payouts (id bigint PRIMARY KEY, amount float4 NOT NULL);
