DROP INDEX e_items_a_idx;
