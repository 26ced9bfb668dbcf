-- dblint:ignore create-index-not-concurrently
CREATE INDEX orders_note_idx ON orders (note);
