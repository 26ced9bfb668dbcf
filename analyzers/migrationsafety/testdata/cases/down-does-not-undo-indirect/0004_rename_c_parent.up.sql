ALTER TABLE c_parent RENAME TO c_parents;
