ALTER INDEX m_items_note_idx RENAME TO m_items_note_key;
