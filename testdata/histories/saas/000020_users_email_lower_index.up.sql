CREATE UNIQUE INDEX CONCURRENTLY users_email_lower_key ON users (lower(email));
