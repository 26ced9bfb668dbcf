CREATE TABLE ratings (
    order_id bigint NOT NULL,
    stars smallint NOT NULL,
    seq smallserial,
    -- near-misses
    score integer,
    total bigint
);
ALTER TABLE orders ADD COLUMN priority int2;
