CREATE TABLE users (
    id         bigint PRIMARY KEY,
    email      text NOT NULL UNIQUE,
    name       text NOT NULL,
    nickname   text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
    id       bigserial PRIMARY KEY,
    user_id  bigint NOT NULL REFERENCES users (id),
    total    numeric(10,2) NOT NULL,
    note     text,
    status   text NOT NULL DEFAULT 'new'
);
CREATE TABLE audit (id int);
