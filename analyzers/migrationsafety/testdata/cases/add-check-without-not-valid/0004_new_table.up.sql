-- near-miss: new table
CREATE TABLE refunds (amount numeric);
ALTER TABLE refunds ADD CONSTRAINT refunds_amount_check CHECK (amount > 0);
