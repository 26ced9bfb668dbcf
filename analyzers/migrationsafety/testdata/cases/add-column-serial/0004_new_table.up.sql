-- near-miss: new table
CREATE TABLE tags (name text);
ALTER TABLE tags ADD COLUMN id bigserial;
