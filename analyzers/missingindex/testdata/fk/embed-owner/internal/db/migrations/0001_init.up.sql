CREATE TABLE users (id bigint PRIMARY KEY);

CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint NOT NULL);
ALTER TABLE sessions
    ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
