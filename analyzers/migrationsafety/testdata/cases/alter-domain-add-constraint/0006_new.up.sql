-- near-miss: the domain is new
CREATE DOMAIN sku AS text;
CREATE TABLE products (id bigint PRIMARY KEY, sku sku);
ALTER DOMAIN sku ADD CONSTRAINT sku_len CHECK (length(VALUE) = 8);
