ALTER INDEX n_items_note_key RENAME TO n_items_note_idx;
