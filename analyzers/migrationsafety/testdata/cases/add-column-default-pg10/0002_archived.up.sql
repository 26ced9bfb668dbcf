ALTER TABLE orders ADD COLUMN archived boolean DEFAULT false;
