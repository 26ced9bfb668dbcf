-- +goose Up
CREATE TABLE orders (id bigint PRIMARY KEY, status text);

-- +goose Down
DROP TABLE orders;
