CREATE DOMAIN email_address AS citext
    CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+$');
