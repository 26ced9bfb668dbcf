-- +goose Up
-- +goose ENVSUB ON
CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE
);

-- +goose StatementBegin
CREATE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
-- +goose ENVSUB OFF

-- +goose Down
DROP FUNCTION touch_updated_at();
DROP TABLE users;
