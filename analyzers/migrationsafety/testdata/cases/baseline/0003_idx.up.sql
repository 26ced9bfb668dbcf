CREATE INDEX orders_note_idx ON orders (note);
