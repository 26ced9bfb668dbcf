-- several statements: one implicit transaction
CREATE UNIQUE INDEX orders_note_idx ON orders (note);
CREATE INDEX ON orders (qty);
