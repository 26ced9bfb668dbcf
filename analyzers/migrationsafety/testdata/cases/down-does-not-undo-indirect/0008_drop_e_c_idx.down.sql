CREATE INDEX e_items_c_idx ON e_items (c);
