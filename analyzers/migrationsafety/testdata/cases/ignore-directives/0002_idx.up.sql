-- dblint:ignore create-index-not-concurrently orders is tiny in every environment
CREATE INDEX orders_status_idx ON orders (status);
