-- +goose Up
CREATE TABLE legacy (id bigint PRIMARY KEY,);

-- +goose Down
DROP TABLE legacy;
