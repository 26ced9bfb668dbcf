CREATE INDEX CONCURRENTLY products_price_idx ON products (price);
