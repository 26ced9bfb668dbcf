ALTER TABLE k_parent RENAME COLUMN parent_id TO id;
