ALTER VIEW open_orders RENAME TO pending_orders;
ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';
ALTER TABLE orders SET SCHEMA billing;
