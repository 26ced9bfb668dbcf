-- near-misses: plain VACUUM, and VACUUM FULL of a table this migration creates
VACUUM (ANALYZE) orders;
