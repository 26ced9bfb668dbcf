ALTER TABLE f_items ADD COLUMN note text;
