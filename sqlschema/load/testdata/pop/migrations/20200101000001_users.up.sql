CREATE TABLE users (id uuid PRIMARY KEY, email varchar(255) NOT NULL);
