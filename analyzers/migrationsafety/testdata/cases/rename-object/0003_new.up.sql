-- near-misses: objects this migration creates
CREATE VIEW recent AS SELECT 1 AS one;
ALTER VIEW recent RENAME TO latest;
CREATE TYPE color AS ENUM ('red');
ALTER TYPE color RENAME VALUE 'red' TO 'crimson';
CREATE TABLE scratch (id bigint);
ALTER TABLE scratch SET SCHEMA billing;
