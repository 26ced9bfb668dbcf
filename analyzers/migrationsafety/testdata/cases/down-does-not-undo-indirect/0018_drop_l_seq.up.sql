DROP SEQUENCE l_items_id_seq CASCADE;
