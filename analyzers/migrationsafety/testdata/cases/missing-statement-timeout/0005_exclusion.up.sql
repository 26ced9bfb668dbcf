CREATE EXTENSION IF NOT EXISTS btree_gist;
SET lock_timeout = '5s';
-- dblint:ignore add-exclusion-constraint done in the maintenance window
ALTER TABLE customers ADD CONSTRAINT customers_email_excl EXCLUDE USING gist (email WITH =);
