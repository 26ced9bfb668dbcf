CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id)
);
CREATE TABLE accounts (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));
-- near-miss: the index has the key's columns first, in another order
CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    tenant_id bigint NOT NULL,
    account_id bigint NOT NULL,
    FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX invoices_account_tenant_idx ON invoices (account_id, tenant_id, id);
-- near-miss: a small table
CREATE TABLE audit_log (id bigint, customer_id bigint REFERENCES customers (id));
-- near-miss: the referencing column is the primary key
CREATE TABLE customer_settings (customer_id bigint PRIMARY KEY REFERENCES customers (id), theme text);
