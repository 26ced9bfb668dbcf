DROP INDEX e_items_b_idx;
