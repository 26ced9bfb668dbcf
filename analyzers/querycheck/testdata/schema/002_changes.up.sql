ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE orders DROP COLUMN note;
DROP TABLE audit;
CREATE VIEW user_emails AS SELECT id, email, nickname FROM users;
