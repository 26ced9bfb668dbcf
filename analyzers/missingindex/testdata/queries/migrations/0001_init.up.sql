CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text,
    region text,
    vip boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    status text NOT NULL,
    total numeric,
    note text,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz,
    token text,
    tags text[]
);
CREATE TABLE items (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL,
    sku text NOT NULL,
    qty int,
    warehouse_id bigint
);
CREATE TABLE countries (code text, name text);
CREATE TABLE events (id bigint, tenant_id bigint, kind text, at timestamptz);
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE bookings (
    id bigint PRIMARY KEY,
    room_id int NOT NULL,
    during tstzrange NOT NULL,
    EXCLUDE USING gist (room_id WITH =, during WITH &&)
);
