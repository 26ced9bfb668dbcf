ALTER TABLE d_parent RENAME TO d_parents;
