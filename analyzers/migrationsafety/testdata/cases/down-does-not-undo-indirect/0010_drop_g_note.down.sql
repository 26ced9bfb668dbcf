ALTER TABLE g_items ADD COLUMN note text;
CREATE VIEW g_notes AS SELECT id, note FROM g_items;
