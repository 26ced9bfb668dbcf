CREATE INDEX e_items_a_idx ON e_items (b);
