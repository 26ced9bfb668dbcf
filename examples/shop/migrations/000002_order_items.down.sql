ALTER TABLE customers RENAME COLUMN full_name TO name;
DROP TABLE order_items;
