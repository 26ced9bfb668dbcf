CREATE TYPE order_status AS ENUM ('draft', 'submitted', 'approved');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL);
