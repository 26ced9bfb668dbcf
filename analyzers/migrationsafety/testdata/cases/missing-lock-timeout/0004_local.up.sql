-- near-miss: SET LOCAL in the same (implicit) transaction
SET LOCAL lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN zip text;
