CREATE SCHEMA catalog;

CREATE TABLE catalog.products (
    sku varchar(32) NOT NULL,
    vendor_id integer NOT NULL,
    title text NOT NULL,
    price numeric(12,4) NOT NULL,
    weight_g integer,
    volume integer GENERATED ALWAYS AS (weight_g * 2) STORED,
    PRIMARY KEY (vendor_id, sku),
    CONSTRAINT products_price_positive CHECK (price > 0 AND price < 1000000)
);

CREATE INDEX products_title_idx ON catalog.products (title text_pattern_ops) INCLUDE (price);
CREATE INDEX products_title_c_idx ON catalog.products (title COLLATE "C" DESC NULLS LAST);

CREATE TABLE order_items (
    order_id integer NOT NULL,
    vendor_id integer NOT NULL,
    sku varchar(32) NOT NULL,
    quantity smallint NOT NULL DEFAULT 1,
    CONSTRAINT order_items_pkey PRIMARY KEY (order_id, vendor_id, sku),
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT order_items_product_fk FOREIGN KEY (vendor_id, sku) REFERENCES catalog.products (vendor_id, sku) ON UPDATE CASCADE
);
