-- near-miss: new table
CREATE TABLE rooms (id int, during tstzrange);
ALTER TABLE rooms ADD CONSTRAINT rooms_no_overlap EXCLUDE USING gist (id WITH =, during WITH &&);
