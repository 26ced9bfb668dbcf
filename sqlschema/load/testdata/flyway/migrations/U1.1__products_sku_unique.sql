ALTER TABLE products DROP CONSTRAINT products_sku_key;
