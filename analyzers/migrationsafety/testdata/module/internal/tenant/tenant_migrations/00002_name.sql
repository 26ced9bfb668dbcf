-- +goose Up
SET lock_timeout = '2s';
ALTER TABLE tenants ADD CONSTRAINT tenants_name_check CHECK (name <> '');

-- +goose Down
ALTER TABLE tenants DROP CONSTRAINT tenants_name_check;
