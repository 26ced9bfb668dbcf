ALTER INDEX n_items_note_idx RENAME TO n_items_note_key;
