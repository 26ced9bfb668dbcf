-- near-miss: new table
CREATE TABLE notes (id bigint);
ALTER TABLE notes ADD COLUMN body text NOT NULL;
