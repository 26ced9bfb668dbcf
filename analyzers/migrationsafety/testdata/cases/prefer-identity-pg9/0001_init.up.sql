-- near-miss: PostgreSQL 9.6 has no identity columns
CREATE TABLE accounts (id bigserial PRIMARY KEY);
