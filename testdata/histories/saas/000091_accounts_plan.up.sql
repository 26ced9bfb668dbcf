ALTER TABLE accounts ADD COLUMN plan_id text NOT NULL DEFAULT 'free';
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES plans (id) NOT VALID;
