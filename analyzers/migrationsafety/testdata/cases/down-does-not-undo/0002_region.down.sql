DROP INDEX orders_region_idx;
