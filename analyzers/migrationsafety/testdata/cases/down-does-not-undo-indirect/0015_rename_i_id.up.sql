ALTER TABLE i_parent RENAME COLUMN id TO parent_id;
