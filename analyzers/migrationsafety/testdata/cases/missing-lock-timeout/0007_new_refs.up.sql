-- near-miss: references a table of the same migration, and itself
CREATE TABLE shelves (id bigint PRIMARY KEY);
CREATE TABLE bins (id bigint PRIMARY KEY, shelf_id bigint REFERENCES shelves (id), parent_id bigint REFERENCES bins (id));
