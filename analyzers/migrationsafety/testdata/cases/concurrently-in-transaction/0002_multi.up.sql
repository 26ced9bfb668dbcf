-- golang-migrate sends these two statements as one implicit transaction
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);
