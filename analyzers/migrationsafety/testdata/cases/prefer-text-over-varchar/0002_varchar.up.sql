CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email varchar(320) NOT NULL,
    -- near-misses: varchar without a limit is text; text with a CHECK
    nickname varchar,
    name text CHECK (char_length(name) <= 200)
);
ALTER TABLE orders ADD COLUMN coupon character varying(16);
ALTER TABLE orders ALTER COLUMN status TYPE varchar(50);
-- near-miss: the type change goes to text
ALTER TABLE customers ALTER COLUMN email TYPE text;
