DROP INDEX orders_status_created_at_idx, orders_open_idx, orders_token_idx, orders_tags_idx,
    customers_lower_email_idx, customers_name_trgm_idx, items_order_id_sku_idx, events_at_idx, events_paid_idx;
