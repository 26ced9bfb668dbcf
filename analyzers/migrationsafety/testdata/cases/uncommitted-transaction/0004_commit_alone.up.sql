ALTER TABLE orders ADD COLUMN zip text;
COMMIT;
ALTER TABLE orders ADD COLUMN country text;
