CREATE TABLE invoices (
    id serial PRIMARY KEY,
    account_id bigint NOT NULL,
    order_id integer REFERENCES orders (id),
    number varchar(32) NOT NULL,
    amount numeric(10,2) NOT NULL,
    issued_on date NOT NULL DEFAULT CURRENT_DATE,
    due_on date,
    paid_at timestamptz
);
