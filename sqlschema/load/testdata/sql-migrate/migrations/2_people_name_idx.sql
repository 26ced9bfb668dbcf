-- +migrate Up notransaction
CREATE INDEX CONCURRENTLY people_name_idx ON people (name);

-- +migrate Down notransaction
DROP INDEX CONCURRENTLY people_name_idx;
