DROP INDEX comments_body_trgm_idx;
