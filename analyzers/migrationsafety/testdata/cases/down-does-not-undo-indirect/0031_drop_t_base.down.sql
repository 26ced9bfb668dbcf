CREATE VIEW t_base AS SELECT id, note FROM t_items;
