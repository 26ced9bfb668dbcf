DROP TABLE audit_log;
ALTER TABLE products DROP COLUMN stock;
