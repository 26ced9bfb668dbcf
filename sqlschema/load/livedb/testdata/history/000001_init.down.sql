DROP TABLE orders;
DROP TABLE customers;
DROP DOMAIN email_address;
DROP TYPE order_status;
DROP EXTENSION btree_gist;
DROP EXTENSION pgcrypto;
