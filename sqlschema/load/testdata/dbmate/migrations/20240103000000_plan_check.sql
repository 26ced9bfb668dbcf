-- migrate:up
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_check CHECK (plan IN ('free', 'pro')) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_plan_check;

-- migrate:down
ALTER TABLE accounts DROP CONSTRAINT accounts_plan_check;
