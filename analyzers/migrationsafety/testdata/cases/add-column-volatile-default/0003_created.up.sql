-- near-miss: now() is stable, and a constant needs no rewrite since PostgreSQL 11
ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE orders ADD COLUMN archived boolean NOT NULL DEFAULT false;
