-- +goose Up
CREATE TABLE tenants (id bigint PRIMARY KEY, name text);

-- +goose Down
DROP TABLE tenants;
