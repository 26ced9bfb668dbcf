ALTER TABLE q_root ADD COLUMN note text;
