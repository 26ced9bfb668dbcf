CREATE TABLE b_parent (id bigint PRIMARY KEY);
ALTER TABLE b_child ADD CONSTRAINT b_child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES b_parent (id);
