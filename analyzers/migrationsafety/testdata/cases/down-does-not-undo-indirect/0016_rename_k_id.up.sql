ALTER TABLE k_parent RENAME COLUMN id TO parent_id;
