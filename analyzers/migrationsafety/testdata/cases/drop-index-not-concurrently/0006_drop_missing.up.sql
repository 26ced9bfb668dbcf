-- near-miss: IF EXISTS of an index that was never created
DROP INDEX IF EXISTS never_created_idx;
