-- near-miss: a constant default fills existing rows
ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';
