DROP VIEW open_orders;
DROP TYPE mood CASCADE;
DROP SEQUENCE invoice_no;
DROP FUNCTION order_count();
