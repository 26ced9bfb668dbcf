ALTER INDEX order_lines_order_id_idx RENAME TO order_items_order_id_idx;
ALTER TABLE order_lines DROP COLUMN unit_cents;
ALTER TABLE order_lines RENAME COLUMN unit_price_old TO unit_price;
ALTER TABLE order_lines RENAME TO order_items;
