DROP TABLE order_items;
DROP SCHEMA catalog CASCADE;
