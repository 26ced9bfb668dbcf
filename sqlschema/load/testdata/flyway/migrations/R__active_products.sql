CREATE OR REPLACE VIEW active_products AS
    SELECT id, sku, price FROM products WHERE active;
