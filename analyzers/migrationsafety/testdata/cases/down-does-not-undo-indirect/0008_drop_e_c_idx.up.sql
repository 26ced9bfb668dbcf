DROP INDEX e_items_c_idx;
