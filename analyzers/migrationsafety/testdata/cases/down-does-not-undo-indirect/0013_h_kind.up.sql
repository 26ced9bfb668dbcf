ALTER TABLE h_events ADD COLUMN kind text;
