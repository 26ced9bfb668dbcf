ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN status TYPE varchar(20) USING status::text;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';
