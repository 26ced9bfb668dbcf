-- near-miss: new table
CREATE TABLE payments (id bigint PRIMARY KEY);
ALTER TABLE payments ADD COLUMN token uuid DEFAULT gen_random_uuid();
