DROP SEQUENCE j_items_id_seq CASCADE;
