CREATE TABLE orders (id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES users (id), total numeric(12, 2) NOT NULL);
