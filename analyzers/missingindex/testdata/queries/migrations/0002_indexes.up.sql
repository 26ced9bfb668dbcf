CREATE INDEX orders_status_created_at_idx ON orders (status, created_at);
CREATE INDEX orders_open_idx ON orders (customer_id) WHERE deleted_at IS NULL;
CREATE INDEX orders_token_idx ON orders USING hash (token);
CREATE INDEX orders_tags_idx ON orders USING gin (tags);
CREATE INDEX customers_lower_email_idx ON customers (lower(email));
CREATE INDEX customers_name_trgm_idx ON customers USING gin (name gin_trgm_ops);
CREATE INDEX items_order_id_sku_idx ON items (order_id, sku);
CREATE INDEX events_at_idx ON events USING brin (at);
CREATE INDEX events_paid_idx ON events (tenant_id) WHERE kind = 'paid';
