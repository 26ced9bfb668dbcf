ALTER TABLE q_root ADD COLUMN kind text;
