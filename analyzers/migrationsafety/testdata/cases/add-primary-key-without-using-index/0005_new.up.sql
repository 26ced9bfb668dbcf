-- near-miss: new table
CREATE TABLE audit3 (id bigint NOT NULL);
ALTER TABLE audit3 ADD PRIMARY KEY (id);
