-- +migrate Up
CREATE TABLE people (id int PRIMARY KEY, name text);

-- +migrate StatementBegin
CREATE OR REPLACE FUNCTION people_count() RETURNS bigint AS $$
  SELECT count(*) FROM people;
$$ LANGUAGE sql STABLE;
-- +migrate StatementEnd

-- +migrate Down
DROP FUNCTION people_count();
DROP TABLE people;
