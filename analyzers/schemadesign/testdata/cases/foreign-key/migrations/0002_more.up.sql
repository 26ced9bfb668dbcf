ALTER TABLE posts ADD CONSTRAINT posts_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);

ALTER TABLE order_items ADD COLUMN
    customer_id bigint;
