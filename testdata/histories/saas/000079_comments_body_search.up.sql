CREATE INDEX comments_body_trgm_idx ON comments USING gin (body gin_trgm_ops);
