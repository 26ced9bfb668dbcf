CREATE TABLE line_items (
    id bigint PRIMARY KEY,
    qty bigint NOT NULL DEFAULT 1,
    price bigint,
    note text,
    total bigint GENERATED ALWAYS AS (qty * price) STORED
);
