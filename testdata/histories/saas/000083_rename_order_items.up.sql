ALTER TABLE order_items RENAME TO order_lines;
ALTER TABLE order_lines RENAME COLUMN unit_price TO unit_price_old;
ALTER TABLE order_lines ADD COLUMN unit_cents bigint;
UPDATE order_lines SET unit_cents = (unit_price_old * 100)::bigint;
ALTER TABLE order_lines ALTER COLUMN unit_cents SET NOT NULL;
ALTER INDEX order_items_order_id_idx RENAME TO order_lines_order_id_idx;
