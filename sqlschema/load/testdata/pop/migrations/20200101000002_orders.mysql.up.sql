CREATE TABLE orders (id char(36) PRIMARY KEY, user_id char(36) NOT NULL, total decimal(12, 2) NOT NULL) ENGINE=InnoDB;
