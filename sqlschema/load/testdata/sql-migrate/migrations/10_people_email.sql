-- +migrate Up
ALTER TABLE people ADD COLUMN email text;
-- +migrate Down
ALTER TABLE people DROP COLUMN email;
