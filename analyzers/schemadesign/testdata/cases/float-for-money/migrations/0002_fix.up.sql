ALTER TABLE payouts ALTER COLUMN amount TYPE numeric(12,2);
