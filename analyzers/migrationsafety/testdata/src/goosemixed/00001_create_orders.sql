-- +goose Up
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status text,
    CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL)
);

-- +goose Down
DROP TABLE orders;
