ALTER TABLE orders VALIDATE CONSTRAINT orders_note_not_null;
