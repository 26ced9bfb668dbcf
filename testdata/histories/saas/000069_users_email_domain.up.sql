ALTER TABLE users ADD COLUMN email_domain text GENERATED ALWAYS AS (lower(split_part(email, '@', 2))) STORED;
CREATE INDEX users_email_domain_idx ON users (email_domain);
