-- near-miss: new table, renamed and then altered
CREATE TABLE drafts_tmp (body text);
ALTER TABLE drafts_tmp RENAME TO drafts;
ALTER TABLE drafts RENAME COLUMN body TO content;
