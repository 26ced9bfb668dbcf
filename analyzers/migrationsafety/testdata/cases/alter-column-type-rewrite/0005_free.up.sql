-- near-misses: binary-compatible changes
ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
ALTER TABLE orders ALTER COLUMN status TYPE text;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);
ALTER TABLE orders ALTER COLUMN total TYPE numeric;
ALTER TABLE orders ALTER COLUMN ip TYPE inet;
