-- near-miss: new table
CREATE TABLE lines (price numeric, qty int);
ALTER TABLE lines ADD COLUMN amount numeric GENERATED ALWAYS AS (price * qty) STORED;
