ALTER TABLE d_parents RENAME TO d_parent;
