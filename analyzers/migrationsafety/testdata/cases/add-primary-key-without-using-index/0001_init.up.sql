CREATE TABLE audit (id bigint NOT NULL, at timestamptz);
CREATE TABLE audit2 (id bigint NOT NULL);
