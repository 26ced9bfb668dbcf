CREATE TABLE items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    quantity integer NOT NULL,
    sizes int4[],
    position serial,
    -- near-misses: bigint, and smallint (prefer-bigint-over-smallint)
    total bigint,
    flags smallint
);
ALTER TABLE orders ADD COLUMN points int;
ALTER TABLE orders ALTER COLUMN qty TYPE integer;
-- near-miss: an integer primary key is prefer-bigint-keys' to report
CREATE TABLE regions (id integer PRIMARY KEY, name text);
