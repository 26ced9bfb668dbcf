-- near-miss: new table
CREATE TABLE drafts (body text);
ALTER TABLE drafts RENAME COLUMN body TO content;
