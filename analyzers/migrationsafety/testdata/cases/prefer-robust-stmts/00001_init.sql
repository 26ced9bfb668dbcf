-- +goose Up
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status text NOT NULL,
    note text
);
CREATE TABLE legacy (id bigint PRIMARY KEY);
CREATE INDEX orders_note_idx ON orders (note);

-- +goose Down
DROP TABLE legacy;
DROP TABLE orders;
