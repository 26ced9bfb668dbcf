DROP INDEX r_mv_idx;
